package course.tools;

import java.io.IOException;
import java.nio.file.*;
import java.util.*;
import java.util.stream.Stream;

/**
 * Combines the parts of a class graded in shards (each a folder with the grades.csv and run.tsv that
 * {@code grade --shard I/N} wrote) into one grades.csv and run.tsv.
 *
 * <pre>
 *   grade-merge DIR... [--out DIR]     DIR: a part, or a folder whose subfolders are parts
 * </pre>
 * Refuses parts graded by different grader commits, with different point tables, flags or rosters.
 * Reports students missing from every part and students in more than one (the first part's row is
 * kept); exits 1 when there are any, after writing what it has.
 */
final class GradeMerge {

    private final Path root;

    GradeMerge(Path root) {
        this.root = root;
    }

    int run(List<String> args) throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        Args a = Args.parse(args, Set.of("--out"), Set.of());
        Path out = a.value("--out", null) == null ? root.resolve("target/grades") : cwd.resolve(a.value("--out", null)).toAbsolutePath();
        List<Path> dirs = a.positionals().stream().map(cwd::resolve).toList();
        List<Gradebook.Part> parts;
        try {
            parts = read(dirs);
        } catch (IOException | IllegalArgumentException e) {
            throw new ToolException(e.getMessage());
        }
        Merged m;
        try {
            m = merge(parts);
        } catch (IllegalArgumentException e) {
            throw new ToolException("refused: " + e.getMessage(), "merge the parts of one grading run: the same grader commit, points and flags, each shard once");
        }
        Gradebook.writeClass(out, m.meta(), m.rows());
        System.out.printf("Merged %d part(s): %d student(s) graded, %d missing, %d duplicated%n",
                parts.size(), m.rows().size(), m.missing().size(), m.duplicated().size());
        m.meta().problems().forEach(p -> System.out.println("  " + p));
        System.out.println("Gradebook: " + out.resolve("grades.csv") + " and run.tsv");
        System.out.println("grades.csv sha256 " + Gradebook.sha256(out.resolve("grades.csv")));
        System.out.println("run.tsv    sha256 " + Gradebook.sha256(out.resolve("run.tsv")));
        return m.missing().isEmpty() && m.duplicated().isEmpty() ? 0 : 1;
    }

    /** The parts in {@code dirs}: each a folder holding run.tsv and grades.csv, or a folder of such folders. */
    static List<Gradebook.Part> read(List<Path> dirs) throws IOException {
        if (dirs.isEmpty()) throw new IllegalArgumentException("name the folders of the parts to merge");
        List<Gradebook.Part> parts = new ArrayList<>();
        for (Path d : dirs) {
            if (Files.isRegularFile(d.resolve("run.tsv"))) {
                parts.add(Gradebook.read(d));
                continue;
            }
            if (!Files.isDirectory(d)) throw new IllegalArgumentException("no such folder: " + d);
            List<Path> inner;
            try (Stream<Path> s = Files.list(d)) {
                inner = s.filter(p -> Files.isRegularFile(p.resolve("run.tsv"))).sorted().toList();
            }
            if (inner.isEmpty()) throw new IllegalArgumentException(d + " holds no run.tsv, nor do its subfolders");
            for (Path p : inner) parts.add(Gradebook.read(p));
        }
        return parts;
    }

    record Merged(Gradebook.Meta meta, List<Gradebook.Row> rows, List<String> missing, List<String> duplicated) {}

    /** Merges {@code parts}; throws IllegalArgumentException when they cannot belong together. */
    static Merged merge(List<Gradebook.Part> parts) {
        Gradebook.Part first = parts.getFirst();
        for (Gradebook.Part p : parts) {
            same("grader commit", first, p, p.meta().graderCommit(), first.meta().graderCommit());
            same("points table", first, p, p.meta().pointsSha256(), first.meta().pointsSha256());
            same("grading flags", first, p, p.meta().flags(), first.meta().flags());
            same("roster", first, p, p.meta().rosterSha256(), first.meta().rosterSha256());
            same("class (list of students)", first, p, String.valueOf(p.meta().students()), String.valueOf(first.meta().students()));
            same("columns", first, p, String.valueOf(p.meta().columns()), String.valueOf(first.meta().columns()));
            same("shard count", first, p, count(p.meta().shard()), count(first.meta().shard()));
        }
        Map<String, Gradebook.Row> byStudent = new LinkedHashMap<>();
        List<String> duplicated = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> shards = new LinkedHashSet<>();
        for (Gradebook.Part p : parts) {
            shards.add(p.meta().shard());
            for (Gradebook.Row r : p.rows()) {
                if (byStudent.containsKey(r.student())) {
                    duplicated.add(r.student());
                    problems.add("duplicated: " + r.student() + " is in more than one part (kept the row from the first; also in " + p.file() + ")");
                } else {
                    byStudent.put(r.student(), r);
                }
            }
            for (String x : p.meta().problems()) if (!problems.contains(x)) problems.add(x);
        }
        List<Gradebook.Row> rows = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String s : first.meta().students()) {
            Gradebook.Row r = byStudent.remove(s);
            if (r != null) rows.add(r);
            else missing.add(s);
        }
        rows.addAll(byStudent.values()); // rows for students the roster does not list (should not happen)
        byStudent.keySet().forEach(s -> problems.add("not in the class list: " + s));
        int n = Integer.parseInt(count(first.meta().shard()));
        for (int i = 1; i <= n; i++) {
            if (!shards.contains(i + "/" + n)) problems.add("missing part: shard " + i + "/" + n);
        }
        missing.forEach(s -> problems.add("missing: " + s + " (in no part)"));
        Gradebook.Meta meta = new Gradebook.Meta(first.meta().graderCommit(), parts.stream().anyMatch(p -> p.meta().graderDirty()),
                first.meta().pointsSha256(), first.meta().flags(), "merged " + String.join(",", shards), first.meta().rosterSha256(),
                first.meta().students(), first.meta().columns(), problems);
        return new Merged(meta, rows, missing, duplicated);
    }

    private static String count(String shard) {
        return shard == null || !shard.contains("/") ? "1" : shard.substring(shard.indexOf('/') + 1);
    }

    private static void same(String what, Gradebook.Part a, Gradebook.Part b, String x, String y) {
        if (!Objects.equals(x, y)) {
            throw new IllegalArgumentException("parts differ in their " + what + ": " + a.file() + " has " + y + ", " + b.file() + " has " + x);
        }
    }
}
