package course.tools;

import java.io.IOException;
import java.lang.classfile.Annotation;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The tests each exercise must pass, read from the course's compiled test classes (never from
 * anything a submission produced): class ExNN_NameTest and its @Nested classes, and in them every
 * method annotated as a JUnit Jupiter test.
 */
final class ExpectedTests {

    /** One test method; {@code template} for parameterized, repeated and factory tests, which report several results. */
    record Method(String testClass, String name, boolean template) {}

    private static final Set<String> TESTS = Set.of("Lorg/junit/jupiter/api/Test;");
    private static final Set<String> TEMPLATES = Set.of("Lorg/junit/jupiter/params/ParameterizedTest;",
            "Lorg/junit/jupiter/api/RepeatedTest;", "Lorg/junit/jupiter/api/TestFactory;", "Lorg/junit/jupiter/api/TestTemplate;");
    private static final String NESTED = "Lorg/junit/jupiter/api/Nested;";

    /**
     * Exercise -> its test methods, from the class files under {@code testClasses} (a module's
     * target/test-classes). Only the top-level class named after the exercise (ExNN_NameTest) and the
     * @Nested classes inside it count.
     */
    static Map<String, List<Method>> read(Path testClasses) throws IOException {
        Map<String, List<Method>> out = new TreeMap<>();
        if (!Files.isDirectory(testClasses)) return out;
        List<Path> files;
        try (Stream<Path> s = Files.walk(testClasses)) {
            files = s.filter(p -> p.getFileName().toString().matches("Ex\\d\\d_\\w+?Test(\\$\\w+)*\\.class")).sorted().toList();
        }
        for (Path f : files) {
            ClassModel model = ClassFile.of().parse(Files.readAllBytes(f));
            String binary = model.thisClass().asInternalName().replace('/', '.');
            String simple = binary.substring(binary.lastIndexOf('.') + 1);
            String top = simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
            if (!top.matches("Ex\\d\\d_\\w+Test")) continue;
            if (!top.equals(simple) && !annotations(model.findAttribute(Attributes.runtimeVisibleAnnotations())
                    .map(a -> a.annotations()).orElse(List.of())).contains(NESTED)) continue;
            String exercise = top.substring(0, top.length() - "Test".length());
            List<Method> methods = out.computeIfAbsent(exercise, k -> new ArrayList<>());
            for (MethodModel m : model.methods()) {
                List<String> a = annotations(m.findAttribute(Attributes.runtimeVisibleAnnotations()).map(x -> x.annotations()).orElse(List.of()));
                boolean test = a.stream().anyMatch(TESTS::contains);
                boolean template = a.stream().anyMatch(TEMPLATES::contains);
                if (test || template) methods.add(new Method(binary, m.methodName().stringValue(), template));
            }
        }
        out.values().removeIf(List::isEmpty);
        out.values().forEach(l -> l.sort(java.util.Comparator.comparing(Method::testClass).thenComparing(Method::name)));
        return out;
    }

    /** Writes {@code expected} as lines "exercise TAB class TAB method TAB template". */
    static void save(Path file, Map<String, List<Method>> expected) throws IOException {
        StringBuilder b = new StringBuilder();
        expected.forEach((e, ms) -> ms.forEach(m -> b.append(e).append('\t').append(m.testClass()).append('\t').append(m.name())
                .append('\t').append(m.template()).append('\n')));
        Course.writeAtomically(file, b.toString());
    }

    /** Reads what {@link #save} wrote; null when there is no such file or it is not in that form. */
    static Map<String, List<Method>> load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) return null;
        Map<String, List<Method>> out = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            if (f.length != 4 || !(f[3].equals("true") || f[3].equals("false"))) return null;
            out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Method(f[1], f[2], Boolean.parseBoolean(f[3])));
        }
        return out.isEmpty() ? null : out;
    }

    private static List<String> annotations(List<Annotation> list) {
        return list.stream().map(a -> a.className().stringValue()).toList();
    }

    /** The top-level test classes (fully qualified) of these methods. */
    static List<String> topLevelClasses(List<Method> methods) {
        return methods.stream().map(m -> m.testClass().contains("$") ? m.testClass().substring(0, m.testClass().indexOf('$')) : m.testClass())
                .distinct().sorted().toList();
    }

    private ExpectedTests() {}
}
