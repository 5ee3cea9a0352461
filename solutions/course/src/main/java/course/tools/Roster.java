package course.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A class roster: a CSV file (RFC 4180) with a header row naming the columns {@code student},
 * {@code repository} and, optionally, {@code ref}. The student id is the gradebook's key.
 *
 * <pre>
 *   student,repository,ref
 *   ann,https://git.example.org/ann/threads-vs-async.git,main
 *   bob,/srv/clones/bob,
 * </pre>
 *
 * A row that cannot be graded (no repository) still becomes an entry, with its problem, so it
 * gets a gradebook row with 0 and the reason; a row without a student id, or a second row for the
 * same student, cannot, and is listed in {@link #problems()} instead.
 */
record Roster(List<Entry> entries, List<String> problems) {

    /** One student: where their work is, the ref to grade (null: the default branch), and why it cannot be graded, if so. */
    record Entry(int line, String student, String repository, String ref, String problem) {}

    static Roster parse(String text) {
        List<List<String>> records;
        try {
            records = Csv.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ToolException("the roster is not CSV: " + e.getMessage());
        }
        if (records.isEmpty()) throw new ToolException("the roster is empty: it needs a header row student,repository,ref");
        Map<String, Integer> column = new HashMap<>();
        List<String> header = records.getFirst();
        for (int i = 0; i < header.size(); i++) column.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        if (!column.containsKey("student") || !column.containsKey("repository")) {
            throw new ToolException("the roster's first row must name its columns: student,repository,ref (ref optional); it is "
                    + String.join(",", header));
        }
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> row = records.get(r);
            int line = r + 1; // the record number, counting the header as 1
            String student = cell(row, column.get("student"));
            String repository = cell(row, column.get("repository"));
            String ref = column.containsKey("ref") ? cell(row, column.get("ref")) : "";
            if (student.isEmpty()) {
                problems.add("row " + line + ": no student id" + (repository.isEmpty() ? "" : " (repository " + repository + ")") + ": not graded");
                continue;
            }
            if (seen.containsKey(student)) {
                problems.add("row " + line + ": student " + student + " again (first in row " + seen.get(student) + "): graded once, from row " + seen.get(student));
                continue;
            }
            seen.put(student, line);
            String problem = null;
            if (repository.isEmpty()) problem = "the roster gives no repository";
            else if (row.size() > header.size()) problem = "the roster row has " + row.size() + " fields, the header " + header.size() + " (a comma not quoted?)";
            entries.add(new Entry(line, student, repository, ref.isEmpty() ? null : ref, problem));
        }
        return new Roster(List.copyOf(entries), List.copyOf(problems));
    }

    private static String cell(List<String> row, int i) {
        return i < row.size() ? row.get(i).strip() : "";
    }
}
