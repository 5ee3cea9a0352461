package course.tools;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tab-separated fields that may hold tabs, newlines and backslashes: escaped one way, read back the other. */
final class Tsv {

    private static final Pattern ESCAPED = Pattern.compile("\\\\(.)");

    private Tsv() {}

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        return ESCAPED.matcher(s).replaceAll(m -> Matcher.quoteReplacement(switch (m.group(1)) {
            case "t" -> "\t";
            case "n" -> "\n";
            case "r" -> "\r";
            default -> m.group(1);
        }));
    }
}
