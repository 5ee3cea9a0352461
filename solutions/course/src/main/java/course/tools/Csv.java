package course.tools;

import java.util.ArrayList;
import java.util.List;

/** Comma-separated values as RFC 4180 has them: quoted fields, doubled quotes, line breaks inside quotes. */
final class Csv {

    /** The records of {@code text}, each a list of fields; blank lines are skipped. */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false, wasQuoted = false;
        int i = 0, n = text.length();
        if (n > 0 && text.charAt(0) == '\uFEFF') i++; // a byte order mark, as spreadsheets write it
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = wasQuoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') i++;
                endRecord(records, record, field, wasQuoted);
                record = new ArrayList<>();
                wasQuoted = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) throw new IllegalArgumentException("a quoted field is not closed at the end of the file");
        endRecord(records, record, field, wasQuoted);
        return records;
    }

    private static void endRecord(List<List<String>> records, List<String> record, StringBuilder field, boolean wasQuoted) {
        record.add(field.toString());
        field.setLength(0);
        boolean blank = record.size() == 1 && record.getFirst().isBlank() && !wasQuoted;
        if (!blank) records.add(List.copyOf(record));
    }

    /** One field, quoted when it must be. */
    static String field(String s) {
        if (s == null) return "";
        return s.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r') || !s.equals(s.strip())
                ? "\"" + s.replace("\"", "\"\"") + "\""
                : s;
    }

    /** One record, with a line break. */
    static String line(List<String> fields) {
        return String.join(",", fields.stream().map(Csv::field).toList()) + "\n";
    }

    private Csv() {}
}
