package course.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exercise's failing tests, the most telling first, for progress and watch: a test that hung
 * (JUnit's TimeoutException, "timed out after") says more than any other, since the other tests'
 * messages may only be the consequence of the hang; then a real failure (an assertion about code the
 * learner wrote) before the starter's "not implemented yet"; within each, the tests that call a
 * method the TODO names (or holds) first, then the test class's order.
 */
final class Failures {

    private Failures() {}

    /** The tests of {@code results} that did not pass, most telling first. */
    static List<TestJvm.Result> ordered(List<TestJvm.Result> results, Path exerciseSource, Path testSource) {
        Set<String> todo = todoMethods(read(exerciseSource));
        Map<String, String> bodies = testBodies(read(testSource));
        List<TestJvm.Result> failing = new ArrayList<>(results.stream().filter(r -> r.status() != TestResults.Status.PASSED).toList());
        Comparator<TestJvm.Result> byTelling = Comparator.comparingInt(r -> rank(r, todo, bodies));
        failing.sort(byTelling); // stable: the test class's order within a rank
        return failing;
    }

    /** 0 a hang, 1 a real failure of a TODO method's test, 2 another real failure, 3 and 4 the same for "not implemented". */
    static int rank(TestJvm.Result r, Set<String> todoMethods, Map<String, String> testBodies) {
        if (hung(r)) return 0;
        boolean ofTodo = callsAny(testBodies.getOrDefault(methodName(r.name()), ""), todoMethods);
        int rank = ofTodo ? 1 : 2;
        return notImplemented(r) ? rank + 2 : rank;
    }

    static boolean hung(TestJvm.Result r) {
        String type = r.type() == null ? "" : r.type();
        String msg = r.message() == null ? "" : r.message().toLowerCase(Locale.ROOT);
        return type.endsWith("TimeoutException") || msg.contains("timed out after") || msg.contains("did not finish within");
    }

    static boolean notImplemented(TestJvm.Result r) {
        return r.message() != null && r.message().toLowerCase(Locale.ROOT).contains("not implemented");
    }

    /** The first line of a result's message, for the one-line-per-test list. */
    static String firstLine(TestJvm.Result r) {
        String line = r.message() == null ? "" : r.message().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        if (line.isEmpty()) line = r.type() == null || r.type().isEmpty() ? r.status().name().toLowerCase(Locale.ROOT) : r.type();
        if (hung(r) && !line.toLowerCase(Locale.ROOT).contains("timed out")) line = "timed out (a hang or an endless loop?): " + line;
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }

    /** "name" of "name()", "name(int)[2]" or "[1] name". */
    static String methodName(String testName) {
        Matcher m = Pattern.compile("(\\w+)\\s*\\(").matcher(testName);
        return m.find() ? m.group(1) : testName.strip();
    }

    private static final Pattern METHOD = Pattern.compile(
            "^\\s*(?:(?:public|protected|private|static|final|synchronized|abstract|default)\\s+)*(?:<[^>]+>\\s+)?[\\w.<>\\[\\], ?]+\\s+(\\w+)\\s*\\([^;]*$");
    private static final Set<String> NOT_METHODS = Set.of("if", "for", "while", "switch", "catch", "synchronized", "return", "new", "throw");
    private static final Pattern CALLED = Pattern.compile("\\b([a-z]\\w*)\\(");

    /**
     * The methods a source's TODOs are about: the method each TODO stands in (or, for a TODO above
     * the methods, the next one declared), and every {@code name(} the TODO's text mentions.
     */
    static Set<String> todoMethods(String source) {
        Set<String> out = new LinkedHashSet<>();
        List<String> lines = source.lines().toList();
        String enclosing = null;
        int depth = 0;
        int methodDepth = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            String t = l.strip();
            Matcher m = METHOD.matcher(l);
            if (enclosing == null && !t.startsWith("//") && !t.startsWith("*") && m.find() && !NOT_METHODS.contains(m.group(1))) {
                enclosing = m.group(1);
                methodDepth = depth;
            }
            if (t.startsWith("//") && t.contains("TODO")) {
                StringBuilder text = new StringBuilder(t);
                int j = i + 1;
                while (j < lines.size() && lines.get(j).strip().startsWith("//")) text.append(' ').append(lines.get(j++).strip());
                Matcher c = CALLED.matcher(text);
                while (c.find()) out.add(c.group(1));
                if (enclosing != null && depth > methodDepth) {
                    out.add(enclosing);
                } else {
                    for (int k = j; k < lines.size(); k++) {
                        Matcher next = METHOD.matcher(lines.get(k));
                        if (next.find() && !NOT_METHODS.contains(next.group(1))) {
                            out.add(next.group(1));
                            break;
                        }
                    }
                }
            }
            if (!t.startsWith("//") && !t.startsWith("*")) {
                for (char ch : l.toCharArray()) {
                    if (ch == '{') depth++;
                    else if (ch == '}') depth--;
                }
                if (enclosing != null && depth <= methodDepth) enclosing = null;
            }
        }
        return out;
    }

    /** Each test method's text (from its declaration to the next one), by name: enough to see what it calls. */
    static Map<String, String> testBodies(String source) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\\bvoid\\s+(\\w+)\\s*\\(").matcher(source);
        String name = null;
        int from = 0;
        while (m.find()) {
            if (name != null) out.put(name, source.substring(from, m.start()));
            name = m.group(1);
            from = m.end();
        }
        if (name != null) out.put(name, source.substring(from));
        return out;
    }

    private static boolean callsAny(String body, Set<String> methods) {
        for (String method : methods) {
            if (body.contains("." + method + "(") || body.contains("::" + method)) return true;
        }
        return false;
    }

    private static String read(Path file) {
        try {
            return file != null && Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
