package course.tools;

import java.io.IOException;
import java.lang.classfile.*;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/**
 * The tests each exercise must pass: the JUnit Jupiter test methods of class ExNN_NameTest and its @Nested classes,
 * read from the course's compiled test classes (never from anything a submission produced).
 */
final class ExpectedTests {

    /** One test method; {@code template} for parameterized, repeated and factory tests, which report several results. */
    record Method(String testClass, String name, boolean template) {}

    private static final String TEST = "Lorg/junit/jupiter/api/Test;";
    private static final Set<String> TEMPLATES = Set.of("Lorg/junit/jupiter/params/ParameterizedTest;",
            "Lorg/junit/jupiter/api/RepeatedTest;", "Lorg/junit/jupiter/api/TestFactory;", "Lorg/junit/jupiter/api/TestTemplate;");
    private static final String NESTED = "Lorg/junit/jupiter/api/Nested;";

    private ExpectedTests() {}

    /** Exercise -> its test methods (by class, then name), from the class files under {@code testClasses} (a module's target/test-classes). */
    static Map<String, List<Method>> read(Path testClasses) throws IOException {
        Map<String, List<Method>> out = new TreeMap<>();
        for (Path f : Fingerprint.files(testClasses, ".class")) {
            String simple = f.getFileName().toString().replaceFirst("\\.class$", "");
            String top = simple.replaceFirst("\\$.*", "");
            if (!top.matches("Ex\\d\\d_\\w+Test")) continue;
            ClassModel model = ClassFile.of().parse(Files.readAllBytes(f));
            if (!top.equals(simple) && !annotations(model).contains(NESTED)) continue;
            String binary = model.thisClass().asInternalName().replace('/', '.');
            for (MethodModel m : model.methods()) {
                List<String> a = annotations(m);
                boolean template = a.stream().anyMatch(TEMPLATES::contains);
                if (template || a.contains(TEST)) {
                    out.computeIfAbsent(top.substring(0, top.length() - 4), k -> new ArrayList<>()).add(new Method(binary, m.methodName().stringValue(), template));
                }
            }
        }
        out.values().forEach(l -> l.sort(Comparator.comparing(Method::testClass).thenComparing(Method::name)));
        return out;
    }

    private static List<String> annotations(AttributedElement e) {
        return e.findAttribute(Attributes.runtimeVisibleAnnotations()).map(a -> a.annotations()).orElse(List.of())
                .stream().map(a -> a.className().stringValue()).toList();
    }

    /** Writes {@code expected} as lines "exercise TAB class TAB method TAB template". */
    static void save(Path file, Map<String, List<Method>> expected) throws IOException {
        StringBuilder b = new StringBuilder();
        expected.forEach((e, ms) -> ms.forEach(m -> b.append(String.join("\t", e, m.testClass(), m.name(), Boolean.toString(m.template()))).append('\n')));
        Course.writeAtomically(file, b.toString());
    }

    /** Reads what {@link #save} wrote; null when there is no such file or it is not in that form. */
    static Map<String, List<Method>> load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) return null;
        Map<String, List<Method>> out = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            if (f.length != 4 || !f[3].matches("true|false")) return null;
            out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Method(f[1], f[2], Boolean.parseBoolean(f[3])));
        }
        return out.isEmpty() ? null : out;
    }

    /** The top-level test classes (fully qualified) of these methods. */
    static List<String> topLevelClasses(List<Method> methods) {
        return methods.stream().map(m -> m.testClass().replaceFirst("\\$.*", "")).distinct().sorted().toList();
    }
}
