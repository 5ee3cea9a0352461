package course.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The maintainers' mutation run, {@code mutation [module ...] [--report-only]}: PIT (the root pom's mutation profile) mutates a module's
 * reference code and runs its tests against each mutant; this prints per exercise the mutants no test killed, each either recorded in
 * solutions/mutation-equivalents.txt (equivalent, or given code) with its reason, or OPEN: a wrong answer the tests let through. PIT runs
 * in Maven on this tool's JDK 25, as it does not follow the build's toolchain. Minutes per module; not part of CI.
 */
final class Mutation {

    static final String EQUIVALENTS = "solutions/mutation-equivalents.txt";

    /** One mutant PIT reported. {@code exercise} is the top-level class's simple name. */
    record Mutant(String module, String exercise, String method, int line, String description, String status) {
        boolean killed() { return List.of("KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR").contains(status); }
    }

    /** A line of the equivalents file: where (* for any) and why. */
    record Equivalent(String module, String exercise, String method, String line, String description, String reason) {
        boolean matches(Mutant m) {
            return module.equals(m.module()) && exercise.equals(m.exercise()) && any(method, m.method())
                    && any(line, Integer.toString(m.line())) && any(description, m.description());
        }
        private static boolean any(String pattern, String value) { return pattern.equals("*") || pattern.equals(value); }
    }

    private final Path root;

    Mutation(Path root) { this.root = root; }

    int run(List<String> args) throws Exception {
        Args parsed = Args.flags(args, "--report-only");
        List<String> named = new ArrayList<>(parsed.positionals().stream().map(a -> a.matches("\\d\\d") ? "module-" + a : a).toList());
        if (named.isEmpty() && !System.getProperty("course.modules", "").isBlank()) named.add(System.getProperty("course.modules"));
        List<String> modules = Course.modules(root, named);
        List<Equivalent> equivalents = equivalents(root.resolve(EQUIVALENTS));
        int open = 0;
        for (String m : modules) {
            Path report = root.resolve(m).resolve("target/mutation/pit-reports/mutations.xml");
            if (!parsed.flag("--report-only")) {
                System.out.println(m + ": mutating solutions/" + m + " and running its tests against each mutant (PIT; minutes) ...");
                Path log = root.resolve("target/course/mutation-" + m + ".log");
                Files.deleteIfExists(report);
                var run = new Maven(root, Duration.ofMinutes(60)).run(log, List.of("-Pmutation", "-pl", m), Map.of("JAVA_HOME", System.getProperty("java.home")));
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
        System.out.println(open == 0 ? "next: publish each module's score in solutions/README.md (\"Mutation run\")"
                : "next: for each survivor above, write the wrong answer it stands for into solutions/wrong and a test that catches it, "
                        + "or record it in " + EQUIVALENTS + " with a one-line reason");
        return open == 0 ? 0 : 1;
    }

    /** Prints a module's score and its survivors per exercise; returns how many are neither killed nor recorded. */
    static int print(String module, List<Mutant> mutants, List<Equivalent> equivalents) {
        List<Mutant> survivors = mutants.stream().filter(x -> !x.killed()).toList();
        long killed = mutants.size() - survivors.size(), recorded = survivors.stream().filter(s -> reason(s, equivalents) != null).count();
        System.out.printf("%s: %d mutants, %d killed (%s), %d survived: %d recorded as equivalent or given, %d open%n", module, mutants.size(), killed,
                mutants.isEmpty() ? "-" : Math.round(100.0 * killed / mutants.size()) + "%", survivors.size(), recorded, survivors.size() - recorded);
        mutants.stream().collect(Collectors.groupingBy(Mutant::exercise, TreeMap::new, Collectors.toList())).forEach((exercise, ms) -> {
            System.out.printf("  %s: %d mutants, %d killed%n", exercise, ms.size(), ms.stream().filter(Mutant::killed).count());
            ms.stream().filter(s -> !s.killed()).forEach(s -> {
                String why = reason(s, equivalents);
                System.out.printf("    %s line %d %s: %s (%s)%s%n", why == null ? "OPEN" : "ok  ", s.line(), s.method(), s.description(),
                        s.status().toLowerCase().replace('_', ' '), why == null ? "" : ": " + why);
            });
        });
        return (int) (survivors.size() - recorded);
    }

    private static String reason(Mutant m, List<Equivalent> equivalents) { return equivalents.stream().filter(q -> q.matches(m)).map(Equivalent::reason).findFirst().orElse(null); }

    /** The mutants of PIT's XML report. */
    static List<Mutant> mutants(String module, Path xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList nodes = factory.newDocumentBuilder().parse(xml.toFile()).getDocumentElement().getElementsByTagName("mutation");
        List<Mutant> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            String simple = text(e, "mutatedClass").replaceAll(".*\\.", "").replaceAll("\\$.*", "");
            out.add(new Mutant(module, simple, text(e, "mutatedMethod"), Integer.parseInt(text(e, "lineNumber")), text(e, "description"), e.getAttribute("status")));
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
        for (String l : Files.exists(file) ? Files.readAllLines(file) : List.<String>of()) {
            if (l.isBlank() || l.strip().startsWith("#")) continue;
            String[] f = l.split("\\|", 6);
            if (f.length < 6 || f[5].isBlank()) throw new ToolException(EQUIVALENTS + ": a line needs six fields, module | Exercise | method | line | description | reason: " + l);
            out.add(new Equivalent(f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip(), f[4].strip(), f[5].strip()));
        }
        return out;
    }
}
