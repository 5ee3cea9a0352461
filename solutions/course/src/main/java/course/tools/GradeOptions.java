package course.tools;

import java.nio.file.*;
import java.time.Duration;
import java.util.*;

/**
 * The grade command's arguments (the value of an option as the next word or after '=').
 * <pre>
 *   grade SUBMISSION... | --batch DIR | --roster FILE
 *         [--out DIR] [--modules m1,m2] [--only Ex01,Ex02] [--points FILE] [--module-limit SECONDS]
 *         [--sandbox=auto|off|required] [--shard I/N] [--clone-only DIR | --mirrors DIR]
 *   SUBMISSION: a folder (a learner's clone, graded as it is), or a git URL or repository path, optionally #REF
 * </pre>
 */
record GradeOptions(List<String> submissions, Path batch, Path roster, Path out, List<String> modules, List<String> only,
                    Path points, Duration moduleLimit, Sandbox.Mode sandbox, Shard shard, Path cloneOnly, Path mirrors) {

    /** One of N deterministic slices of a class: entry k (0-based, in roster or folder order) is in shard (k mod N) + 1. */
    record Shard(int index, int count) {
        static final Shard ALL = new Shard(1, 1);

        Shard {
            if (count < 1 || index < 1 || index > count) throw new ToolException("--shard I/N needs 1 <= I <= N, got " + index + "/" + count);
        }

        static Shard parse(String text) {
            String[] parts = text.strip().split("/");
            try {
                if (parts.length == 2) return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
            } catch (NumberFormatException e) {
                // said below
            }
            throw new ToolException("--shard takes I/N, e.g. 2/3; got " + text);
        }

        <T> List<T> slice(List<T> all) {
            List<T> mine = new ArrayList<>();
            for (int k = index - 1; k < all.size(); k += count) mine.add(all.get(k));
            return mine;
        }

        @Override public String toString() { return index + "/" + count; }
    }

    /** Parses {@code args}; relative paths are taken from {@code cwd}. */
    static GradeOptions parse(List<String> args, Path cwd) {
        Args a = Args.parse(args, Set.of("--out", "--batch", "--roster", "--points", "--modules", "--only", "--module-limit",
                "--sandbox", "--shard", "--clone-only", "--mirrors"), Set.of());
        Duration limit = Duration.ofMinutes(10);
        String seconds = a.value("--module-limit", null);
        if (seconds != null) {
            try {
                limit = Duration.ofSeconds(Long.parseLong(seconds));
            } catch (NumberFormatException e) {
                throw new ToolException("--module-limit takes seconds, got " + seconds);
            }
            if (limit.toSeconds() < 1) throw new ToolException("--module-limit must be at least 1 second");
        }
        GradeOptions o = new GradeOptions(a.positionals(), path(a, "--batch", cwd), path(a, "--roster", cwd), path(a, "--out", cwd),
                split(a.value("--modules", "")), split(a.value("--only", "")), path(a, "--points", cwd), limit,
                Sandbox.Mode.parse(a.value("--sandbox", "auto")), a.value("--shard", null) == null ? Shard.ALL : Shard.parse(a.value("--shard", null)),
                path(a, "--clone-only", cwd), path(a, "--mirrors", cwd));
        int sources = (o.submissions.isEmpty() ? 0 : 1) + (o.batch == null ? 0 : 1) + (o.roster == null ? 0 : 1);
        if (sources == 0) throw new ToolException("name at least one submission (a folder, or a git URL#ref), --batch DIR or --roster FILE");
        if (o.roster != null && sources > 1) throw new ToolException("--roster grades the roster's repositories only: do not add --batch or submissions");
        if (o.cloneOnly != null && o.mirrors != null) throw new ToolException("--clone-only writes the mirrors that --mirrors reads: give one of them");
        return o;
    }

    /** Refuses a --batch, --roster or --points that is not there: before a sandbox is tried or a course tree staged. */
    GradeOptions requireFiles() {
        if (batch != null && !Files.isDirectory(batch)) throw new ToolException("--batch: no such folder " + batch);
        if (roster != null && !Files.isRegularFile(roster)) throw new ToolException("--roster: no such file " + roster);
        if (points != null && !Files.isRegularFile(points)) throw new ToolException("--points: no such file " + points);
        return this;
    }

    private static Path path(Args a, String name, Path cwd) {
        String v = a.value(name, null);
        return v == null ? null : cwd.resolve(v).toAbsolutePath().normalize();
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The options that decide a grade, in one order whatever the command line's: parts graded alike can be merged. */
    String gradingFlags(List<String> resolvedModules) {
        return "--modules " + String.join(",", resolvedModules) + (only.isEmpty() ? "" : " --only " + String.join(",", only))
                + " --module-limit " + moduleLimit.toSeconds() + " --sandbox=" + sandbox.name().toLowerCase(Locale.ROOT);
    }
}
