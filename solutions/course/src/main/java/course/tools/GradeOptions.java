package course.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The grade command's arguments.
 *
 * <pre>
 *   grade SUBMISSION... | --batch DIR | --roster FILE
 *         [--out DIR] [--modules m1,m2] [--only Ex01,Ex02] [--points FILE] [--module-limit SECONDS]
 *         [--sandbox=auto|off|required] [--shard I/N]
 *   SUBMISSION: a folder (a learner's clone, graded as it is), or a git URL or repository path, optionally #REF
 * </pre>
 * Options take their value as the next argument or after '=' (see Args).
 */
record GradeOptions(List<String> submissions, Path batch, Path roster, Path out, List<String> modules, List<String> only,
                    Path points, Duration moduleLimit, Sandbox.Mode sandbox, Shard shard, Path cloneOnly, Path mirrors) {

    /** Parses {@code args}; relative paths are taken from {@code cwd}. Throws ToolException with a message for a person. */
    static GradeOptions parse(List<String> args, Path cwd) {
        Args a = Args.parse(args, Set.of("--out", "--batch", "--roster", "--points", "--modules", "--only", "--module-limit",
                "--sandbox", "--shard", "--clone-only", "--mirrors"), Set.of());
        List<String> submissions = a.positionals();
        Path batch = path(a, "--batch", cwd), roster = path(a, "--roster", cwd), out = path(a, "--out", cwd), points = path(a, "--points", cwd),
                cloneOnly = path(a, "--clone-only", cwd), mirrors = path(a, "--mirrors", cwd);
        List<String> modules = split(a.value("--modules", "")), only = split(a.value("--only", ""));
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
        Sandbox.Mode sandbox = Sandbox.Mode.parse(a.value("--sandbox", "auto"));
        Shard shard = a.value("--shard", null) == null ? Shard.ALL : Shard.parse(a.value("--shard", null));
        int sources = (submissions.isEmpty() ? 0 : 1) + (batch == null ? 0 : 1) + (roster == null ? 0 : 1);
        if (sources == 0) throw new ToolException("name at least one submission (a folder, or a git URL#ref), --batch DIR or --roster FILE");
        if (roster != null && sources > 1) throw new ToolException("--roster grades the roster's repositories only: do not add --batch or submissions");
        if (cloneOnly != null && mirrors != null) throw new ToolException("--clone-only writes the mirrors that --mirrors reads: give one of them");
        return new GradeOptions(List.copyOf(submissions), batch, roster, out, modules, only, points, limit, sandbox, shard, cloneOnly, mirrors);
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
