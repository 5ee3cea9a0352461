package course.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The grade command's arguments.
 *
 * <pre>
 *   grade SUBMISSION... | --batch DIR | --roster FILE
 *         [--out DIR] [--modules m1,m2] [--only Ex01,Ex02] [--points FILE] [--module-limit SECONDS]
 *         [--sandbox=auto|off|required] [--shard I/N]
 *   SUBMISSION: a folder (a learner's clone, graded as it is), or a git URL or repository path, optionally #REF
 * </pre>
 * Options take their value as the next argument or after '='.
 */
record GradeOptions(List<String> submissions, Path batch, Path roster, Path out, List<String> modules, List<String> only,
                    Path points, Duration moduleLimit, Sandbox.Mode sandbox, Shard shard, Path cloneOnly, Path mirrors) {

    static final String USAGE = "grade SUBMISSION... | --batch DIR | --roster FILE  [--out DIR] [--modules m1,m2] [--only Ex01,Ex02]"
            + " [--points FILE] [--module-limit SECONDS] [--sandbox=auto|off|required] [--shard I/N] [--clone-only DIR | --mirrors DIR]";

    /** Parses {@code args}; relative paths are taken from {@code cwd}. Throws IllegalArgumentException with a message for a person. */
    static GradeOptions parse(List<String> args, Path cwd) {
        List<String> submissions = new ArrayList<>();
        Path batch = null, roster = null, out = null, points = null, cloneOnly = null, mirrors = null;
        List<String> modules = List.of(), only = List.of();
        Duration limit = Duration.ofMinutes(10);
        Sandbox.Mode sandbox = Sandbox.Mode.AUTO;
        Shard shard = Shard.ALL;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                submissions.add(a);
                continue;
            }
            String name = a, value = null;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (value == null) {
                if (i + 1 >= args.size()) throw new IllegalArgumentException(name + " needs a value");
                value = args.get(++i);
            }
            switch (name) {
                case "--out" -> out = cwd.resolve(value).toAbsolutePath().normalize();
                case "--batch" -> batch = cwd.resolve(value).toAbsolutePath().normalize();
                case "--roster" -> roster = cwd.resolve(value).toAbsolutePath().normalize();
                case "--points" -> points = cwd.resolve(value).toAbsolutePath().normalize();
                case "--modules" -> modules = split(value);
                case "--only" -> only = split(value);
                case "--module-limit" -> {
                    try {
                        limit = Duration.ofSeconds(Long.parseLong(value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--module-limit takes seconds, got " + value);
                    }
                    if (limit.toSeconds() < 1) throw new IllegalArgumentException("--module-limit must be at least 1 second");
                }
                case "--sandbox" -> sandbox = Sandbox.Mode.parse(value);
                case "--shard" -> shard = Shard.parse(value);
                case "--clone-only" -> cloneOnly = cwd.resolve(value).toAbsolutePath().normalize();
                case "--mirrors" -> mirrors = cwd.resolve(value).toAbsolutePath().normalize();
                default -> throw new IllegalArgumentException("unknown option " + name + "; usage: " + USAGE);
            }
        }
        int sources = (submissions.isEmpty() ? 0 : 1) + (batch == null ? 0 : 1) + (roster == null ? 0 : 1);
        if (sources == 0) throw new IllegalArgumentException("name at least one submission (a folder, or a git URL#ref), --batch DIR or --roster FILE");
        if (roster != null && sources > 1) throw new IllegalArgumentException("--roster grades the roster's repositories only: do not add --batch or submissions");
        if (cloneOnly != null && mirrors != null) throw new IllegalArgumentException("--clone-only writes the mirrors that --mirrors reads: give one of them");
        return new GradeOptions(List.copyOf(submissions), batch, roster, out, modules, only, points, limit, sandbox, shard, cloneOnly, mirrors);
    }

    private static List<String> split(String value) {
        return List.of(value.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The options that decide a grade, written the same way whatever their order on the command line:
     * parts of a class graded with the same flags (and grader commit and points) can be merged.
     */
    String gradingFlags(List<String> resolvedModules) {
        List<String> f = new ArrayList<>();
        f.add("--modules " + String.join(",", resolvedModules));
        if (!only.isEmpty()) f.add("--only " + String.join(",", only));
        f.add("--module-limit " + moduleLimit.toSeconds());
        f.add("--sandbox=" + sandbox.name().toLowerCase());
        return String.join(" ", f);
    }
}
