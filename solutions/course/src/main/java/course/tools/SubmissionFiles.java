package course.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.stream.Stream;

/**
 * What the grader takes from a submission: only .java files in each module's own exercise package(s),
 * as the starters lay them out, that declare that package and no type whose name the course's tests or
 * support code use (it would shadow what the tests mean). Everything else is left out and listed as
 * ignored. A file javac cannot even parse is left out too, and its exercise scores 0.
 */
final class SubmissionFiles {

    /** The largest exercise file; the ignored files listed one by one; the files and folders looked at, and how deep, per module and in the rest. */
    static final int MAX_FILE_BYTES = 512 * 1024, MAX_LISTED = 30, MAX_ENTRIES = 5_000, MAX_DEPTH = 16;

    /** One module of the course, as the grader's tree has it. */
    record Module(String name, List<String> exercises, Set<String> packageDirs, Map<String, Set<String>> starterTypes, Set<String> reservedNames) {

        /** The exercise whose starter is at {@code rel} (relative to src/main/java), or null for another file. */
        String exerciseOf(String rel) {
            String file = rel.substring(rel.lastIndexOf('/') + 1).replaceFirst("\\.java$", "");
            return exercises.contains(file) ? file : null;
        }

        static Module of(Path courseDir, String name) throws IOException {
            Path mod = courseDir.resolve(name), main = mod.resolve("src/main/java");
            List<Path> starters = javaFiles(main);
            Map<Path, String> names = new HashMap<>();
            starters.forEach(p -> names.put(p, rel(main, p)));
            var parsed = JavaSources.parse(starters, names);
            Map<String, Set<String>> starterTypes = new TreeMap<>();
            Set<String> dirs = new TreeSet<>();
            for (Path p : starters) {
                dirs.add(dir(rel(main, p)));
                starterTypes.put(rel(main, p), new TreeSet<>(parsed.get(p).topLevelTypes()));
            }
            // Every word of the module's other sources: a type of that name in an exercise package could stand in for it.
            Set<String> reserved = new HashSet<>();
            for (Path p : javaFiles(mod.resolve("src"))) if (!p.startsWith(main)) reserved.addAll(JavaSources.words(Files.readString(p)));
            starterTypes.values().forEach(reserved::addAll); // only a starter's own file may declare its types
            List<String> exercises = Manifest.read(courseDir, name).exercises().stream().map(Manifest.Entry::name).toList();
            return new Module(name, exercises, dirs, starterTypes, reserved);
        }
    }

    /** A file taken: its module, its path below src/main/java, and its bytes. */
    record Taken(String module, String rel, byte[] content) { String path() { return module + "/src/main/java/" + rel; } }

    /** A file left out because javac cannot parse it: its exercise (or null), and file:line message. */
    record Unparsable(String module, String rel, String exercise, String error) {}

    record Result(List<Taken> taken, List<String> ignored, List<Unparsable> unparsable, List<JavaSources.Hint> hints, List<String> notes) {

        /** SHA-256 over "sha256(content)  path" lines, one per taken file in path order (as sha256sum prints them). */
        String sha256() {
            StringBuilder b = new StringBuilder();
            taken.stream().sorted(Comparator.comparing(Taken::path))
                 .forEach(t -> b.append(CourseTree.sha256(t.content())).append("  ").append(t.path()).append('\n'));
            return CourseTree.sha256(b.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Takes {@code submission} in; {@code course} is the grader's tree (to list the learner's other changes as ignored). */
    static Result take(Path submission, List<Module> modules, Path course) throws IOException {
        Result r = new Result(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Module m : modules) {
            String link = linkOnTheWay(submission, m.name() + "/src/main/java");
            Path main = submission.resolve(m.name()).resolve("src/main/java");
            if (link != null) { // a link into the instructor's solutions/ or a classmate's folder would hand in their work
                r.notes().add(link + " is a symbolic link: refused, nothing under it is taken (the starters are graded)");
                r.ignored().add(link + " (a symbolic link: refused)");
            } else if (!Files.isDirectory(main, LinkOption.NOFOLLOW_LINKS)) {
                r.notes().add("the submission has no " + m.name() + "/src/main/java: the starters are graded");
            } else if (!main.toRealPath().startsWith(submission.toRealPath())) {
                r.notes().add(m.name() + "/src/main/java leaves the submission's folder: refused (the starters are graded)");
            } else {
                takeModule(m, main, r);
            }
        }
        r.ignored().addAll(otherChanges(submission, modules, course));
        if (r.ignored().size() > MAX_LISTED) {
            int more = r.ignored().size() - MAX_LISTED;
            r.ignored().subList(MAX_LISTED, r.ignored().size()).clear();
            r.ignored().add("... and " + more + " more");
        }
        return r;
    }

    private static void takeModule(Module m, Path main, Result r) throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.walk(main, MAX_DEPTH)) {
            entries = s.filter(p -> !p.equals(main)).limit(MAX_ENTRIES + 1).sorted().toList();
        }
        if (entries.size() > MAX_ENTRIES) {
            r.notes().add(m.name() + "/src/main/java holds more than " + MAX_ENTRIES + " files and folders: only the first " + MAX_ENTRIES + " were looked at");
            entries = entries.subList(0, MAX_ENTRIES);
        }
        Path realMain = main.toRealPath();
        Map<Path, String> candidates = new LinkedHashMap<>();
        for (Path p : entries) {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) continue;
            String rel = rel(main, p), file = rel.substring(rel.lastIndexOf('/') + 1);
            String why = Files.isSymbolicLink(p) ? "a symbolic link: refused"
                    : !shownName(rel).equals(rel) ? "an odd name (control characters or a backslash): never read"
                    : !p.toRealPath().startsWith(realMain) ? "its real path leaves the submission: refused"
                    : !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? "not a regular file"
                    : !file.endsWith(".java") ? "not a Java source file"
                    : !m.packageDirs().contains(dir(rel)) ? "not in an exercise package (" + String.join(", ", m.packageDirs()) + ")"
                    : !JavaSources.isIdentifier(file.substring(0, file.length() - 5)) ? "not a class's file name"
                    : Files.size(p) > MAX_FILE_BYTES ? "larger than " + MAX_FILE_BYTES / 1024 + " KB" : null;
            if (why != null) r.ignored().add(m.name() + "/src/main/java/" + shownName(rel) + " (" + why + ")");
            else candidates.put(p, m.name() + "/src/main/java/" + rel);
        }
        var parsed = JavaSources.parse(List.copyOf(candidates.keySet()), candidates);
        for (var c : candidates.entrySet()) {
            Path p = c.getKey();
            String shown = c.getValue(), rel = rel(main, p), pkg = dir(rel).replace('/', '.');
            JavaSources.Parsed info = parsed.get(p);
            if (info == null) {
                r.ignored().add(shown + " (javac could not read it)");
            } else if (!info.syntaxErrors().isEmpty()) {
                r.unparsable().add(new Unparsable(m.name(), rel, m.exerciseOf(rel), rel + ":" + info.syntaxErrors().getFirst()));
                r.hints().addAll(info.hints());
            } else if (!info.packageName().equals(pkg)) {
                r.ignored().add(shown + " (declares package " + (info.packageName().isEmpty() ? "none" : info.packageName()) + ", not " + pkg + ")");
            } else {
                Set<String> own = m.starterTypes().getOrDefault(rel, Set.of());
                List<String> clashes = info.topLevelTypes().stream().filter(t -> !own.contains(t) && m.reservedNames().contains(t)).toList();
                if (!clashes.isEmpty()) {
                    r.ignored().add(shown + " (declares " + String.join(", ", clashes) + ", a name the course's tests or support code use)");
                } else {
                    r.taken().add(new Taken(m.name(), rel, Files.readAllBytes(p)));
                    r.hints().addAll(info.hints());
                }
            }
        }
    }

    /**
     * The submission's other files that differ from the course's (edited tests, poms, new files): never
     * used, listed so the instructor sees them. Build output, hidden folders and solutions/ are skipped.
     */
    private static List<String> otherChanges(Path submission, List<Module> modules, Path course) throws IOException {
        List<String> out = new ArrayList<>();
        List<Path> entries;
        try (Stream<Path> s = Files.walk(submission, MAX_DEPTH)) {
            entries = s.limit(MAX_ENTRIES * 4L).sorted().toList();
        }
        for (Path p : entries) {
            String rel = rel(submission, p);
            if (rel.isEmpty() || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) || rel.startsWith("solutions/")
                    || Arrays.stream(rel.split("/")).anyMatch(part -> part.startsWith(".") || part.equals("target"))
                    || modules.stream().anyMatch(m -> rel.startsWith(m.name() + "/src/main/java/"))) continue;
            Path ours = course.resolve(rel);
            if (Files.isSymbolicLink(p)) {
                out.add(shownName(rel) + " (a symbolic link: never followed)");
            } else if (!(Files.isRegularFile(ours, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    && Files.size(ours) == Files.size(p) && Files.size(p) <= MAX_FILE_BYTES && Files.mismatch(ours, p) == -1)) {
                out.add(shownName(rel) + (Files.exists(ours, LinkOption.NOFOLLOW_LINKS) ? " (differs from the course's own, which is used)" : " (not part of the course)"));
            }
        }
        return out;
    }

    /** The first component of {@code rel} below {@code submission} that is a symbolic link (as a relative path), or null. */
    static String linkOnTheWay(Path submission, String rel) {
        Path p = submission;
        String shown = "";
        for (String part : rel.split("/")) {
            p = p.resolve(part);
            shown = shown.isEmpty() ? part : shown + "/" + part;
            if (Files.isSymbolicLink(p)) return shown;
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) return null;
        }
        return null;
    }

    /** A file name as a report shows it: control and format characters and backslashes escaped. */
    static String shownName(String rel) {
        StringBuilder b = new StringBuilder();
        rel.codePoints().forEach(c -> {
            if (c == '\\' || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) b.append(String.format("\\u%04x", c));
            else b.appendCodePoint(c);
        });
        return b.toString();
    }

    static List<Path> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
    }

    static String rel(Path base, Path p) {
        return base.relativize(p).toString().replace('\\', '/');
    }

    private static String dir(String rel) {
        return rel.lastIndexOf('/') < 0 ? "" : rel.substring(0, rel.lastIndexOf('/'));
    }

    private SubmissionFiles() {}
}
