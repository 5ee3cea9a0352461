package course.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The outcome of every test in one surefire reports folder, read from its TEST-*.xml files. */
final class TestResults {

    enum Status { PASSED, FAILED, SKIPPED }

    /** One test: its class, its name, what happened, and the first line of the failure message. */
    record Outcome(String testClass, String name, Status status, String message) {

        /** The exercise a test belongs to, from its class name: Ex03_BoundedPoolTest -> Ex03_BoundedPool. */
        String exercise() {
            return exerciseOf(testClass);
        }
    }

    static String exerciseOf(String testClass) {
        String simple = testClass.substring(testClass.lastIndexOf('.') + 1);
        int dollar = simple.indexOf('$');
        if (dollar >= 0) simple = simple.substring(0, dollar);
        return simple.endsWith("Test") ? simple.substring(0, simple.length() - 4) : simple;
    }

    /** Keyed by "class#name", in report order. Empty when the folder does not exist. */
    static Map<String, Outcome> read(Path reportsDir) throws IOException {
        Map<String, Outcome> out = new TreeMap<>();
        if (!Files.isDirectory(reportsDir)) return out;
        try (Stream<Path> s = Files.list(reportsDir)) {
            for (Path xml : s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList()) {
                readOne(xml, out);
            }
        }
        return out;
    }

    private static void readOne(Path xml, Map<String, Outcome> out) throws IOException {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var doc = factory.newDocumentBuilder().parse(xml.toFile());
            NodeList cases = doc.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element c = (Element) cases.item(i);
                String cls = c.getAttribute("classname");
                String name = c.getAttribute("name");
                Status status = Status.PASSED;
                String message = "";
                for (String tag : new String[] {"failure", "error", "skipped"}) {
                    NodeList n = c.getElementsByTagName(tag);
                    if (n.getLength() > 0) {
                        Element e = (Element) n.item(0);
                        status = tag.equals("skipped") ? Status.SKIPPED : Status.FAILED;
                        message = e.getAttribute("message");
                        if (message.isBlank()) message = e.getAttribute("type");
                        break;
                    }
                }
                out.put(cls + "#" + name, new Outcome(cls, name, status, message == null ? "" : message.strip()));
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot read " + xml + ": " + e.getMessage(), e);
        }
    }

    /** Outcomes grouped by exercise, exercises in name order. */
    static Map<String, Map<String, Outcome>> byExercise(Map<String, Outcome> results) {
        Map<String, Map<String, Outcome>> out = new TreeMap<>();
        results.forEach((k, v) -> out.computeIfAbsent(v.exercise(), x -> new LinkedHashMap<>()).put(k, v));
        return out;
    }

    private TestResults() {}
}
