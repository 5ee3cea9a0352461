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
        List<Gradebook.Part> parts = read(a.positionals().stream().map(cwd::resolve).toList());
        Merged m = merge(parts);
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
        if (dirs.isEmpty()) throw new ToolException("name the folders of the parts to merge");
        List<Gradebook.Part> parts = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) throw new ToolException("no such folder: " + d);
            List<Path> inner = List.of(d);
            if (!Files.isRegularFile(d.resolve("run.tsv"))) {
                try (Stream<Path> s = Files.list(d)) {
                    inner = s.filter(p -> Files.isRegularFile(p.resolve("run.tsv"))).sorted().toList();
                }
            }
            if (inner.isEmpty()) throw new ToolException(d + " holds no run.tsv, nor do its subfolders");
            for (Path p : inner) parts.add(Gradebook.read(p));
        }
        return parts;
    }

    record Merged(Gradebook.Meta meta, List<Gradebook.Row> rows, List<String> missing, List<String> duplicated) {}

    /** Merges {@code parts}; refuses parts that cannot belong together. */
    static Merged merge(List<Gradebook.Part> parts) {
        Gradebook.Meta first = parts.getFirst().meta();
        for (Gradebook.Part p : parts) {
            Gradebook.Meta x = p.meta();
            Map<String, List<Object>> pairs = new LinkedHashMap<>();
            pairs.put("grader commit", Arrays.asList(x.graderCommit(), first.graderCommit()));
            pairs.put("points table", Arrays.asList(x.pointsSha256(), first.pointsSha256()));
            pairs.put("grading flags", Arrays.asList(x.flags(), first.flags()));
            pairs.put("roster", Arrays.asList(x.rosterSha256(), first.rosterSha256()));
            pairs.put("class (list of students)", List.of(x.students(), first.students()));
            pairs.put("columns", List.of(x.columns(), first.columns()));
            pairs.put("shard count", List.of(count(x.shard()), count(first.shard())));
            pairs.forEach((what, v) -> {
                if (!Objects.equals(v.get(0), v.get(1))) throw new ToolException("refused: parts differ in their " + what + ": " + parts.getFirst().file()
                        + " has " + v.get(1) + ", " + p.file() + " has " + v.get(0), "merge the parts of one grading run: the same grader commit, points and flags, each shard once");
            });
        }
        Map<String, Gradebook.Row> byStudent = new LinkedHashMap<>();
        List<String> duplicated = new ArrayList<>(), problems = new ArrayList<>(), missing = new ArrayList<>();
        Set<String> shards = new LinkedHashSet<>();
        for (Gradebook.Part p : parts) {
            shards.add(p.meta().shard());
            for (Gradebook.Row r : p.rows()) {
                if (byStudent.putIfAbsent(r.student(), r) != null) {
                    duplicated.add(r.student());
                    problems.add("duplicated: " + r.student() + " is in more than one part (kept the row from the first; also in " + p.file() + ")");
                }
            }
            p.meta().problems().stream().filter(x -> !problems.contains(x)).forEach(problems::add);
        }
        List<Gradebook.Row> rows = new ArrayList<>();
        for (String s : first.students()) {
            if (byStudent.containsKey(s)) rows.add(byStudent.remove(s));
            else missing.add(s);
        }
        rows.addAll(byStudent.values()); // rows for students the roster does not list (should not happen)
        byStudent.keySet().forEach(s -> problems.add("not in the class list: " + s));
        int n = Integer.parseInt(count(first.shard()));
        for (int i = 1; i <= n; i++) if (!shards.contains(i + "/" + n)) problems.add("missing part: shard " + i + "/" + n);
        missing.forEach(s -> problems.add("missing: " + s + " (in no part)"));
        return new Merged(new Gradebook.Meta(first.graderCommit(), parts.stream().anyMatch(p -> p.meta().graderDirty()), first.pointsSha256(),
                first.flags(), "merged " + String.join(",", shards), first.rosterSha256(), first.students(), first.columns(), problems), rows, missing, duplicated);
    }

    private static String count(String shard) {
        return shard == null || !shard.contains("/") ? "1" : shard.substring(shard.indexOf('/') + 1);
    }
}
