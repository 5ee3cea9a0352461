package course.tools;

import java.io.IOException;
import java.nio.file.*;
import java.util.*;
import java.util.regex.*;

/**
 * An exercise's failing tests, the most telling first: a hang (the others may fail only because of it), then a real failure
 * before a "not implemented"; within each, the tests that call a method the TODO is about, then the test class's order.
 */
final class Failures {

    private static final Pattern METHOD = Pattern.compile(
            "^\\s*(?:(?:public|protected|private|static|final|synchronized|abstract|default)\\s+)*(?:<[^>]+>\\s+)?[\\w.<>\\[\\], ?]+\\s+(\\w+)\\s*\\([^;]*$");
    private static final Set<String> NOT_METHODS = Set.of("if", "for", "while", "switch", "catch", "synchronized", "return", "new", "throw");

    /** The tests of {@code results} that did not pass, most telling first. */
    static List<TestJvm.Result> ordered(List<TestJvm.Result> results, Path exerciseSource, Path testSource) {
        Set<String> todo = todoMethods(read(exerciseSource));
        Map<String, String> bodies = testBodies(read(testSource));
        // Stable: the test class's order within a rank.
        return results.stream().filter(r -> r.status() != TestResults.Status.PASSED).sorted(Comparator.comparingInt(r -> rank(r, todo, bodies))).toList();
    }

    /** 0 a hang, 1 a real failure of a TODO method's test, 2 another real failure, 3 and 4 the same for "not implemented". */
    private static int rank(TestJvm.Result r, Set<String> todoMethods, Map<String, String> testBodies) {
        if (hung(r)) return 0;
        Matcher name = Pattern.compile("(\\w+)\\s*\\(").matcher(r.name()); // "name()", "name(int)[2]" or "[1] name"
        String body = testBodies.getOrDefault(name.find() ? name.group(1) : r.name().strip(), "");
        boolean ofTodo = todoMethods.stream().anyMatch(m -> body.contains("." + m + "(") || body.contains("::" + m));
        boolean notImplemented = r.message() != null && r.message().toLowerCase(Locale.ROOT).contains("not implemented");
        return (ofTodo ? 1 : 2) + (notImplemented ? 2 : 0);
    }

    static boolean hung(TestJvm.Result r) {
        String msg = Objects.requireNonNullElse(r.message(), "").toLowerCase(Locale.ROOT);
        return Objects.requireNonNullElse(r.type(), "").endsWith("TimeoutException") || msg.contains("timed out after") || msg.contains("did not finish within");
    }

    static String firstLine(TestJvm.Result r) {
        String line = r.message() == null ? "" : r.message().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        if (line.isEmpty()) line = r.type() == null || r.type().isEmpty() ? r.status().name().toLowerCase(Locale.ROOT) : r.type();
        if (hung(r) && !line.toLowerCase(Locale.ROOT).contains("timed out")) line = "timed out (a hang or an endless loop?): " + line;
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }

    /** The methods a source's TODOs are about: the one each stands in (outside methods: the next one), and each name( they mention. */
    static Set<String> todoMethods(String source) {
        Set<String> out = new LinkedHashSet<>();
        List<String> lines = source.lines().toList();
        String enclosing = null;
        int depth = 0, methodDepth = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i), t = l.strip();
            boolean comment = t.startsWith("//") || t.startsWith("*");
            if (enclosing == null && !comment && declared(l) != null) {
                enclosing = declared(l);
                methodDepth = depth;
            }
            if (t.startsWith("//") && t.contains("TODO")) {
                StringBuilder text = new StringBuilder(t);
                int j = i + 1;
                while (j < lines.size() && lines.get(j).strip().startsWith("//")) text.append(' ').append(lines.get(j++).strip());
                Matcher c = Pattern.compile("\\b([a-z]\\w*)\\(").matcher(text);
                while (c.find()) out.add(c.group(1));
                if (enclosing != null && depth > methodDepth) out.add(enclosing);
                else lines.subList(j, lines.size()).stream().map(Failures::declared).filter(Objects::nonNull).findFirst().ifPresent(out::add);
            }
            if (comment) continue;
            depth += (int) (l.chars().filter(ch -> ch == '{').count() - l.chars().filter(ch -> ch == '}').count());
            if (enclosing != null && depth <= methodDepth) enclosing = null;
        }
        return out;
    }

    /** The name of the method a line declares, or null. */
    private static String declared(String line) {
        Matcher m = METHOD.matcher(line);
        return m.find() && !NOT_METHODS.contains(m.group(1)) ? m.group(1) : null;
    }

    /** Each test method's text (from its declaration to the next one), by name: enough to see what it calls. */
    private static Map<String, String> testBodies(String source) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : source.split("(?=\\bvoid\\s+\\w+\\s*\\()")) {
            Matcher m = Pattern.compile("^void\\s+(\\w+)\\s*\\(").matcher(part);
            if (m.find()) out.put(m.group(1), part.substring(m.end()));
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return file != null && Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
