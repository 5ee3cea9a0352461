package course.tools;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.*;
import java.util.*;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/** The outcome of the tests in a surefire reports folder, read from its TEST-*.xml files. */
final class TestResults {

    enum Status { PASSED, FAILED, SKIPPED, MISSING }

    /** One test: its class, its name, what happened, and the failure message (at most MAX_MESSAGE_CHARS). */
    record Outcome(String testClass, String name, Status status, String message) {
        String exercise() {
            return exerciseOf(testClass);
        }
    }

    /** What the grader makes of one expected test: its status (MISSING when no trustworthy result exists) and why. */
    record Result(ExpectedTests.Method method, Status status, String message) {}

    /** The results of one exercise's expected tests, with notes on anything odd in its reports. */
    record ExerciseResults(List<Result> results, List<String> notes, String crash) {
        long passed() {
            return results.stream().filter(r -> r.status() == Status.PASSED).count();
        }

        boolean noneRan() {
            return results.stream().allMatch(r -> r.status() == Status.MISSING);
        }
    }

    static final int MAX_MESSAGE_CHARS = 4096;
    /** Only a runaway report reaches this: what tests print is skipped as a report is read. */
    static final long MAX_REPORT_BYTES = 4L << 30;

    private TestResults() {}

    /** The exercise a test class belongs to: course.threads.Ex03_BoundedPoolTest$Inner -> Ex03_BoundedPool. */
    static String exerciseOf(String testClass) {
        return testClass.substring(testClass.lastIndexOf('.') + 1).replaceFirst("\\$.*", "").replaceFirst("Test$", "");
    }

    /** Every test of the folder, keyed by "class#name" in key order. Empty when the folder does not exist. */
    static Map<String, Outcome> read(Path reportsDir) throws IOException {
        Map<String, Outcome> out = new TreeMap<>();
        if (!Files.isDirectory(reportsDir)) return out;
        try (Stream<Path> s = Files.list(reportsDir)) {
            for (Path xml : s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList()) {
                readReport(xml).forEach(o -> out.put(o.testClass() + "#" + o.name(), o));
            }
        }
        return out;
    }

    /** One report's test cases, in order, streamed (StAX): what tests printed is skipped unheld, so size never decides. No DTD, no entities. */
    private static List<Outcome> readReport(Path xml) throws IOException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        List<Outcome> out = new ArrayList<>();
        try (var in = new BufferedInputStream(Files.newInputStream(xml))) {
            XMLStreamReader r = factory.createXMLStreamReader(in);
            String cls = null, name = null, message = "";
            Status status = Status.PASSED;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) throw new IOException("a DTD or an entity reference");
                String tag = event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT ? r.getLocalName() : "";
                if (event == XMLStreamConstants.START_ELEMENT && tag.equals("testcase")) {
                    cls = attribute(r, "classname");
                    name = attribute(r, "name");
                    status = Status.PASSED;
                    message = "";
                } else if (event == XMLStreamConstants.START_ELEMENT && cls != null && status == Status.PASSED
                        && (tag.equals("failure") || tag.equals("error") || tag.equals("skipped"))) {
                    status = tag.equals("skipped") ? Status.SKIPPED : Status.FAILED;
                    message = attribute(r, "message").isBlank() ? attribute(r, "type") : attribute(r, "message");
                } else if (event == XMLStreamConstants.END_ELEMENT && tag.equals("testcase") && cls != null) {
                    out.add(new Outcome(cls, name, status, message.substring(0, Math.min(message.length(), MAX_MESSAGE_CHARS)).strip()));
                    cls = null;
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot read " + xml.getFileName() + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static String attribute(XMLStreamReader r, String name) {
        String v = r.getAttributeValue(null, name);
        return v == null ? "" : v;
    }

    /**
     * The results of {@code expected} (one exercise's test methods), from the reports of its own test classes only. A method
     * without a result, with two (a plain test), or whose report is unreadable is MISSING; results nobody expected are
     * ignored; both with a note. Never throws for what a report contains.
     */
    static ExerciseResults readExercise(Path reportsDir, List<ExpectedTests.Method> expected) {
        List<String> notes = new ArrayList<>();
        Map<ExpectedTests.Method, List<Outcome>> found = new LinkedHashMap<>();
        expected.forEach(m -> found.put(m, new ArrayList<>()));
        String crash = null;
        for (String top : ExpectedTests.topLevelClasses(expected)) {
            Path xml = reportsDir.resolve("TEST-" + top + ".xml");
            if (!Files.exists(xml, LinkOption.NOFOLLOW_LINKS)) continue;
            List<Outcome> all;
            try {
                if (!Files.isRegularFile(xml, LinkOption.NOFOLLOW_LINKS)) throw new IOException("not a regular file");
                if (Files.size(xml) > MAX_REPORT_BYTES) throw new IOException("larger than " + (MAX_REPORT_BYTES >> 30) + " GB");
                all = readReport(xml);
            } catch (IOException | RuntimeException e) {
                notes.add("report unreadable: " + xml.getFileName() + " (" + oneLine(e.getMessage()) + ")");
                continue;
            }
            for (Outcome o : all) {
                ExpectedTests.Method m = match(expected, o);
                if (m != null) {
                    found.get(m).add(o);
                } else if (o.status() == Status.FAILED && (o.name().equals(top) || o.name().isEmpty() || o.testClass().isEmpty())) {
                    if (crash == null) crash = oneLine(o.message()); // the fork died: surefire reports the class itself
                } else {
                    notes.add("extra result ignored: " + o.testClass() + "." + o.name());
                }
            }
        }
        List<Result> results = new ArrayList<>();
        found.forEach((m, os) -> {
            if (os.isEmpty()) {
                results.add(new Result(m, Status.MISSING, "result missing"));
            } else if (os.size() > 1 && !m.template()) {
                notes.add("result duplicated: " + m.name() + " (" + os.size() + " results; counted as not passed)");
                results.add(new Result(m, Status.MISSING, "result duplicated"));
            } else {
                Outcome bad = os.stream().filter(o -> o.status() != Status.PASSED).findFirst().orElse(null);
                results.add(bad == null ? new Result(m, Status.PASSED, "") : new Result(m, bad.status(), bad.message()));
            }
        });
        if (notes.size() > 12) {
            int more = notes.size() - 10;
            notes.subList(10, notes.size()).clear();
            notes.add("... and " + more + " more");
        }
        return new ExerciseResults(results, notes, crash);
    }

    /** The expected method a reported test is: its name, or a template's invocation of it ("retries(int)[2]"). */
    private static ExpectedTests.Method match(List<ExpectedTests.Method> expected, Outcome o) {
        String name = o.name();
        int cut = name.replaceAll("[(\\[].*", "").length();
        for (ExpectedTests.Method m : expected) {
            if (m.testClass().equals(o.testClass()) && m.name().equals(name.substring(0, cut))
                    && (m.template() || cut == name.length() || name.charAt(cut) == '(')) return m;
        }
        return null;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").strip();
    }
}
