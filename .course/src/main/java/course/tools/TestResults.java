package course.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The outcome of every test in one surefire reports folder, read from its TEST-*.xml files. */
final class TestResults {

    enum Status { PASSED, FAILED, SKIPPED, MISSING }

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
                readOne(xml, out, new ArrayList<>());
            }
        }
        return out;
    }

    /** The longest failure message kept from a report (the grader shows its first line, shortened). */
    static final int MAX_MESSAGE_CHARS = 4096;

    /**
     * Reads one report as a stream (StAX): what a test printed (system-out, system-err) is skipped
     * without being held, so a report's size never decides what it says. No DTD, no entities.
     */
    private static void readOne(Path xml, Map<String, Outcome> out, List<Outcome> all) throws IOException {
        var factory = javax.xml.stream.XMLInputFactory.newFactory();
        factory.setProperty(javax.xml.stream.XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(javax.xml.stream.XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(javax.xml.stream.XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(xml))) {
            var r = factory.createXMLStreamReader(in);
            String cls = null, name = null, message = "";
            Status status = Status.PASSED;
            while (r.hasNext()) {
                int event = r.next();
                if (event == javax.xml.stream.XMLStreamConstants.DTD || event == javax.xml.stream.XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new IOException("a DTD or an entity reference");
                }
                if (event == javax.xml.stream.XMLStreamConstants.START_ELEMENT) {
                    String tag = r.getLocalName();
                    if (tag.equals("testcase")) {
                        cls = attribute(r, "classname");
                        name = attribute(r, "name");
                        status = Status.PASSED;
                        message = "";
                    } else if (cls != null && status == Status.PASSED && (tag.equals("failure") || tag.equals("error") || tag.equals("skipped"))) {
                        status = tag.equals("skipped") ? Status.SKIPPED : Status.FAILED;
                        message = attribute(r, "message");
                        if (message.isBlank()) message = attribute(r, "type");
                    }
                } else if (event == javax.xml.stream.XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("testcase") && cls != null) {
                    String m = message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) : message;
                    Outcome o = new Outcome(cls, name, status, m.strip());
                    out.put(cls + "#" + name, o);
                    all.add(o);
                    cls = null;
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot read " + xml.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static String attribute(javax.xml.stream.XMLStreamReader r, String name) {
        String v = r.getAttributeValue(null, name);
        return v == null ? "" : v;
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

    /**
     * A report file larger than this is not read. A test class writes a few kilobytes, and what its
     * tests print is skipped as the report is read, so only a runaway (gigabytes) reaches this.
     */
    static final long MAX_REPORT_BYTES = 4L << 30;

    /**
     * Reads the results of {@code expected} (one exercise's test methods) from {@code reportsDir}: only
     * the files TEST-&lt;class&gt;.xml of the exercise's own test classes, and in them only the expected
     * methods. A method without a result, with two results (a plain test), or whose report cannot be
     * read is MISSING, with a note; results nobody expected are ignored, with a note. Never throws
     * for what a report contains.
     */
    static ExerciseResults readExercise(Path reportsDir, List<ExpectedTests.Method> expected) {
        List<String> notes = new ArrayList<>();
        Map<ExpectedTests.Method, List<Outcome>> found = new LinkedHashMap<>();
        expected.forEach(m -> found.put(m, new ArrayList<>()));
        String crash = null;
        for (String top : ExpectedTests.topLevelClasses(expected)) {
            Path xml = reportsDir.resolve("TEST-" + top + ".xml");
            if (!Files.exists(xml, java.nio.file.LinkOption.NOFOLLOW_LINKS)) continue;
            Map<String, Outcome> cases = new LinkedHashMap<>();
            List<Outcome> all = new ArrayList<>();
            try {
                if (!Files.isRegularFile(xml, java.nio.file.LinkOption.NOFOLLOW_LINKS)) throw new IOException("not a regular file");
                if (Files.size(xml) > MAX_REPORT_BYTES) throw new IOException("larger than " + (MAX_REPORT_BYTES >> 30) + " GB");
                readOne(xml, cases, all);
            } catch (IOException | RuntimeException e) {
                notes.add("report unreadable: " + xml.getFileName() + " (" + oneLine(e.getMessage()) + ")");
                continue;
            }
            for (Outcome o : all) {
                ExpectedTests.Method m = match(expected, o);
                if (m != null) {
                    found.get(m).add(o);
                } else if (o.status() == Status.FAILED && (o.name().equals(top) || o.name().isEmpty() || o.testClass().isEmpty())) {
                    if (crash == null) crash = oneLine(o.message());
                } else {
                    notes.add("extra result ignored: " + o.testClass() + "." + o.name());
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (var e : found.entrySet()) {
            ExpectedTests.Method m = e.getKey();
            List<Outcome> os = e.getValue();
            if (os.isEmpty()) {
                results.add(new Result(m, Status.MISSING, "result missing"));
            } else if (os.size() > 1 && !m.template()) {
                notes.add("result duplicated: " + m.name() + " (" + os.size() + " results; counted as not passed)");
                results.add(new Result(m, Status.MISSING, "result duplicated"));
            } else {
                Outcome bad = os.stream().filter(o -> o.status() != Status.PASSED).findFirst().orElse(null);
                results.add(bad == null ? new Result(m, Status.PASSED, "") : new Result(m, bad.status(), bad.message()));
            }
        }
        if (notes.size() > 12) {
            int more = notes.size() - 10;
            notes.subList(10, notes.size()).clear();
            notes.add("... and " + more + " more");
        }
        return new ExerciseResults(results, notes, crash);
    }

    private static ExpectedTests.Method match(List<ExpectedTests.Method> expected, Outcome o) {
        String base = o.name();
        int cut = base.length();
        for (char c : new char[] {'(', '['}) {
            int i = base.indexOf(c);
            if (i >= 0) cut = Math.min(cut, i);
        }
        base = base.substring(0, cut);
        for (ExpectedTests.Method m : expected) {
            if (m.testClass().equals(o.testClass()) && m.name().equals(base) && (m.template() || cut == o.name().length() || o.name().charAt(cut) == '(')) return m;
        }
        return null;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").strip();
    }

    /** Outcomes grouped by exercise, exercises in name order. */
    static Map<String, Map<String, Outcome>> byExercise(Map<String, Outcome> results) {
        Map<String, Map<String, Outcome>> out = new TreeMap<>();
        results.forEach((k, v) -> out.computeIfAbsent(v.exercise(), x -> new LinkedHashMap<>()).put(k, v));
        return out;
    }

    private TestResults() {}
}
