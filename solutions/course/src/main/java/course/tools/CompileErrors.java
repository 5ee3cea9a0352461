package course.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The compiler errors in a Maven log, as file (relative to a module), line and message. */
final class CompileErrors {

    /** One error: {@code root} is "main" or "test" (or another source root), {@code rel} the path below it. */
    record Error(String root, String rel, int line, String message) {
        @Override
        public String toString() {
            return rel + ":" + line + " " + message;
        }
    }

    // [ERROR] /abs/module-01-threads/src/main/java/course/threads/Ex02_X.java:[12,5] ';' expected
    private static final Pattern LINE = Pattern.compile("^\\[ERROR\\]\\s+(\\S.*?\\.java):\\[(\\d+)(?:,\\d+)?\\]\\s*(.*)$");

    /** The errors in {@code log} for files of {@code module} inside {@code course} (first of each file:line), in log order. */
    static List<Error> parse(List<String> log, Path course, String module) {
        String prefix = course.resolve(module).toAbsolutePath().toString().replace('\\', '/') + "/src/";
        List<Error> out = new ArrayList<>();
        for (String l : log) {
            Matcher m = LINE.matcher(l);
            if (!m.matches()) continue;
            String file = m.group(1).replace('\\', '/');
            if (!file.startsWith(prefix)) continue;
            String rest = file.substring(prefix.length()); // main/java/course/...
            int slash = rest.indexOf('/');
            if (slash < 0 || !rest.startsWith("java/", slash + 1)) continue;
            Error e = new Error(rest.substring(0, slash), rest.substring(slash + 6), Integer.parseInt(m.group(2)), m.group(3).strip());
            if (out.stream().noneMatch(x -> x.root().equals(e.root()) && x.rel().equals(e.rel()) && x.line() == e.line())) out.add(e);
        }
        return out;
    }

    private CompileErrors() {}
}
