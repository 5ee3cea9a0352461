package course.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A wrong answer is its exercise's reference plus one mistake, stored as the hunks of a unified diff ({@code @@ -37,5 +37,6 @@} then
 * lines starting with ' ', '-' or '+'; lines before the first hunk are free text). Each hunk is placed by its content, not its line
 * number: its old lines (context and '-') must be in the file as the hunks before it left it; where they are more than once, the place
 * nearest the hunk's line number wins. A diff that no longer applies is refused, naming the hunk. {@code patch REFERENCE DIFF} applies it
 * too.
 */
final class Patch {

    private static final Pattern HEADER = Pattern.compile("@@ -(\\d+)(?:,\\d+)? \\+\\d+(?:,\\d+)? @@.*");

    private record Hunk(String header, int oldStart, List<String> before, List<String> after) {}

    private Patch() {}

    /** {@code diff} applied to {@code reference}, written to {@code out}; refused when it does not apply. */
    static Path apply(Path reference, Path diff, Path out) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(reference));
        List<Hunk> hunks = hunks(diff);
        if (hunks.isEmpty()) throw new ToolException(diff.getFileName() + " has no hunk (@@ ... @@): it changes nothing");
        int offset = 0; // how far the hunks so far moved the lines below them
        for (int i = 0; i < hunks.size(); i++) {
            Hunk h = hunks.get(i);
            int at = place(lines, h, offset);
            if (at < 0) {
                throw new ToolException(diff.getFileName() + " no longer applies to " + reference.getFileName() + ": hunk " + (i + 1)
                        + " (" + h.header() + ") expects lines the reference does not have" + (h.before().isEmpty() ? "" : ", from `"
                        + h.before().getFirst().strip() + "`") + "; write the mistake again on the current reference");
            }
            List<String> region = lines.subList(at, at + h.before().size());
            region.clear();
            region.addAll(h.after());
            offset += h.after().size() - h.before().size();
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, String.join("\n", lines) + "\n");
        return out;
    }

    /** The first line of {@code diff}'s free text (its "# Wrong: ..." line), or "". */
    static String firstLine(Path diff) throws IOException {
        try (var s = Files.lines(diff)) {
            return s.findFirst().orElse("").strip();
        }
    }

    private static List<Hunk> hunks(Path diff) throws IOException {
        List<Hunk> out = new ArrayList<>();
        for (String l : Files.readAllLines(diff)) {
            Matcher m = HEADER.matcher(l);
            if (l.startsWith("@@") && !m.matches()) throw new ToolException(diff.getFileName() + ": not a hunk header: " + l);
            if (l.startsWith("@@")) out.add(new Hunk(l.strip(), Integer.parseInt(m.group(1)), new ArrayList<>(), new ArrayList<>()));
            if (l.startsWith("@@") || out.isEmpty() || l.startsWith("\\")) continue;
            char c = l.isEmpty() ? ' ' : l.charAt(0);
            String text = l.isEmpty() ? "" : l.substring(1);
            if (c != '+' && c != '-' && c != ' ') throw new ToolException(diff.getFileName() + ": a hunk line must start with ' ', '-' or '+': " + l);
            if (c != '+') out.getLast().before().add(text);
            if (c != '-') out.getLast().after().add(text);
        }
        return out;
    }

    /** Where {@code h}'s old lines start in {@code lines} (nearest its line number, moved by {@code offset}), or -1. */
    private static int place(List<String> lines, Hunk h, int offset) {
        int n = h.before().size(), wanted = (n == 0 ? h.oldStart() : h.oldStart() - 1) + offset, best = -1; // "-37,0" inserts after line 37
        if (n == 0) return wanted >= 0 && wanted <= lines.size() ? wanted : -1;
        List<String> old = h.before().stream().map(String::stripTrailing).toList();
        for (int i = 0; i + n <= lines.size(); i++) {
            boolean same = lines.subList(i, i + n).stream().map(String::stripTrailing).toList().equals(old);
            if (same && (best < 0 || Math.abs(i - wanted) < Math.abs(best - wanted))) best = i;
        }
        return best;
    }
}
