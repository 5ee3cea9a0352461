package course.tools;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The maintainers' mutation run (issue 23): PIT (the root pom's mutation profile) mutates the
 * reference code of a module and runs the exercises' tests against each mutant; this prints, per
 * exercise, the mutants no test killed, and which of them {@code solutions/mutation-equivalents.txt}
 * records as equivalent (or as given code, the same in the starter), with the reason. A survivor
 * neither killed nor recorded is a wrong answer the tests let through: kill it with a stronger test
 * (after adding it to the corpus), or record why it cannot be told apart.
 *
 * <pre>
 *   mutation [module ...] [--report-only]     (./mvnw -q -Dcourse="mutation module-01")
 * </pre>
 * PIT runs in Maven on this tool's JDK (25), which its minions then use too: PIT itself does not
 * follow the toolchain the course's build selects. Minutes per module; not part of CI.
 */
final class Mutation {

    static final String EQUIVALENTS = "solutions/mutation-equivalents.txt";

    /** One mutant PIT reported. {@code exercise} is the top-level class's simple name. */
    record Mutant(String module, String exercise, String method, int line, String description, String status) {
        boolean killed() {
            return List.of("KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR").contains(status);
        }
    }

    /** A line of the equivalents file: where (with * for any) and why. */
    record Equivalent(String module, String exercise, String method, String line, String description, String reason) {
        boolean matches(Mutant m) {
            return module.equals(m.module()) && exercise.equals(m.exercise()) && any(method, m.method())
                    && any(line, Integer.toString(m.line())) && any(description, m.description());
        }

        private static boolean any(String pattern, String value) {
            return pattern.equals("*") || pattern.equals(value);
        }
    }

    private final Path root;

    Mutation(Path root) {
        this.root = root;
    }

    int run(List<String> args) throws Exception {
        Args parsed = Args.flags(args, "--report-only");
        boolean reportOnly = parsed.flag("--report-only");
        List<String> named = parsed.positionals().stream().map(a -> a.matches("\\d\\d") ? "module-" + a : a).toList();
        List<String> modules = Course.modules(root, named.isEmpty() ? List.of(System.getProperty("course.modules", "")).stream().filter(s -> !s.isBlank()).toList() : named);
        List<Equivalent> equivalents = equivalents(root.resolve(EQUIVALENTS));
        int open = 0;
        for (String m : modules) {
            Path report = root.resolve(m).resolve("target/mutation/pit-reports/mutations.xml");
            if (!reportOnly) {
                System.out.println(m + ": mutating solutions/" + m + " and running its tests against each mutant (PIT; minutes) ...");
                Path log = root.resolve("target/course/mutation-" + m + ".log");
                Files.deleteIfExists(report);
                var run = new Maven(root, Duration.ofMinutes(60)).run(log, List.of("-Pmutation", "-pl", m),
                        Map.of("JAVA_HOME", System.getProperty("java.home")));
                if (run.exitCode() != 0 || !Files.exists(report)) {
                    System.out.println("  PIT did not finish (see " + root.relativize(log) + ")");
                    open++;
                    continue;
                }
            } else if (!Files.exists(report)) {
                System.out.println(m + ": no report yet (" + root.relativize(report) + ")");
                continue;
            }
            open += print(m, mutants(m, report), equivalents);
        }
        System.out.println();
        System.out.println(open == 0
                ? "next: publish each module's score in solutions/README.md (\"Mutation run\")"
                : "next: for each survivor above, write the wrong answer it stands for into solutions/wrong and a test that catches it, "
                        + "or record it in " + EQUIVALENTS + " with a one-line reason");
        return open == 0 ? 0 : 1;
    }

    /** Prints a module's score and its survivors per exercise; returns how many are neither killed nor recorded. */
    static int print(String module, List<Mutant> mutants, List<Equivalent> equivalents) {
        long killed = mutants.stream().filter(Mutant::killed).count();
        List<Mutant> survivors = mutants.stream().filter(x -> !x.killed()).toList();
        long recorded = survivors.stream().filter(s -> equivalents.stream().anyMatch(e -> e.matches(s))).count();
        System.out.printf("%s: %d mutants, %d killed (%s), %d survived: %d recorded as equivalent or given, %d open%n", module, mutants.size(), killed,
                percent(killed, mutants.size()), survivors.size(), recorded, survivors.size() - recorded);
        Map<String, List<Mutant>> byExercise = new TreeMap<>();
        mutants.forEach(x -> byExercise.computeIfAbsent(x.exercise(), k -> new ArrayList<>()).add(x));
        for (var e : byExercise.entrySet()) {
            long k = e.getValue().stream().filter(Mutant::killed).count();
            System.out.printf("  %s: %d mutants, %d killed%n", e.getKey(), e.getValue().size(), k);
            for (Mutant s : e.getValue()) {
                if (s.killed()) continue;
                String why = equivalents.stream().filter(q -> q.matches(s)).map(Equivalent::reason).findFirst().orElse(null);
                System.out.printf("    %s line %d %s: %s (%s)%s%n", why == null ? "OPEN" : "ok  ", s.line(), s.method(), s.description(),
                        s.status().toLowerCase().replace('_', ' '), why == null ? "" : ": " + why);
            }
        }
        return (int) (survivors.size() - recorded);
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "-" : Math.round(100.0 * part / whole) + "%";
    }

    /** The mutants of PIT's XML report. */
    static List<Mutant> mutants(String module, Path xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList nodes = factory.newDocumentBuilder().parse(xml.toFile()).getDocumentElement().getElementsByTagName("mutation");
        List<Mutant> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            String cls = text(e, "mutatedClass");
            String simple = cls.substring(cls.lastIndexOf('.') + 1);
            if (simple.contains("$")) simple = simple.substring(0, simple.indexOf('$'));
            out.add(new Mutant(module, simple, text(e, "mutatedMethod"), Integer.parseInt(text(e, "lineNumber")),
                    text(e, "description"), e.getAttribute("status")));
        }
        return out;
    }

    private static String text(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().strip();
    }

    /** The equivalents file: {@code module | Exercise | method | line | PIT's description | reason}, * for any; # comments. */
    static List<Equivalent> equivalents(Path file) throws Exception {
        List<Equivalent> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (l.isBlank() || l.strip().startsWith("#")) continue;
            String[] f = l.split("\\|", 6);
            if (f.length < 6 || f[5].isBlank()) {
                throw new ToolException(EQUIVALENTS + ": a line needs six fields, module | Exercise | method | line | description | reason: " + l);
            }
            out.add(new Equivalent(f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip(), f[4].strip(), f[5].strip()));
        }
        return out;
    }
}
