package course.tools;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Each exercise's contract (issue 23): {@code <module>/src/test/resources/contracts.properties} holds
 * one line per exercise, {@code Ex03_BoundedPool = values, placement, concurrency, lifecycle}, the
 * dimensions its lesson makes part of the contract, and every declared dimension must have a test
 * method in {@code Ex03_BoundedPoolTest} tagged {@code @Tag("contract:lifecycle")}. The tags are read
 * from the test sources with javac's parser (no compile needed, so a module whose tests do not compile
 * still gets its contract checked); a tag on a test class counts for each of its tests, as in JUnit.
 */
final class Contracts {

    /** The fixed set of dimensions (see the developers' guide in solutions/README.md). */
    static final List<String> DIMENSIONS = List.of("values", "placement", "concurrency", "lifecycle", "errors", "state", "cores", "event-loop");

    static final String FILE = "src/test/resources/contracts.properties";
    static final String PREFIX = "contract:";
    private static final Set<String> TEST_ANNOTATIONS = Set.of("Test", "ParameterizedTest", "RepeatedTest", "TestFactory", "TestTemplate");

    /** A module's contracts: how many exercises declare one, how many declared dimensions have a test, and every gap. */
    record Report(int exercises, int declaredExercises, int dimensions, int testedDimensions, List<String> gaps) {
        String line() {
            return gaps.isEmpty()
                    ? "contracts: %d/%d exercises declared, %d dimensions each tested".formatted(declaredExercises, exercises, dimensions)
                    : "contracts: %d/%d exercises declared, %d/%d declared dimensions tested, %d gap%s".formatted(
                            declaredExercises, exercises, testedDimensions, dimensions, gaps.size(), gaps.size() == 1 ? "" : "s");
        }
    }

    private Contracts() {}

    /** Checks {@code module}'s contracts against its starters and its test sources. */
    static Report of(Path root, String module) throws IOException {
        Path mod = root.resolve(module);
        List<String> gaps = new ArrayList<>();
        Set<String> exercises = exerciseNames(mod.resolve("src/main/java"));
        Map<String, Path> testFiles = testFiles(mod.resolve("src/test/java"));
        Path file = mod.resolve(FILE);
        Map<String, List<String>> declared = new TreeMap<>();
        if (!Files.exists(file)) {
            gaps.add("no " + FILE + ": give each exercise a line there, e.g. `Ex01_Name = values, state` (see solutions/README.md, \"Contracts\")");
        } else {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            for (String key : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
                List<String> dims = new ArrayList<>();
                for (String d : p.getProperty(key).split(",")) if (!d.isBlank()) dims.add(d.strip());
                if (!exercises.contains(key)) {
                    gaps.add(FILE + " has a line for " + key + ", which is not an exercise of " + module);
                    continue;
                }
                for (String d : dims) {
                    if (!DIMENSIONS.contains(d)) gaps.add(key + " declares " + d + ", which is not a dimension (" + String.join(", ", DIMENSIONS) + ")");
                }
                if (dims.isEmpty()) gaps.add(key + " declares no dimension: list what its lesson makes part of the contract");
                declared.put(key, dims.stream().filter(DIMENSIONS::contains).distinct().toList());
            }
        }
        int dimensions = 0, tested = 0, declaredExercises = 0;
        Map<Path, Map<String, List<String>>> tagsByFile = tags(exercises.stream().map(testFiles::get).filter(f -> f != null).toList());
        for (String e : exercises) {
            List<String> dims = declared.get(e);
            if (dims == null) {
                if (Files.exists(file)) gaps.add(e + " has no line in " + FILE + " (which dimensions does its lesson make part of the contract?)");
            } else {
                declaredExercises++;
            }
            String testClass = e + "Test";
            Path test = testFiles.get(e);
            Map<String, List<String>> tags = test == null ? Map.of() : tagsByFile.getOrDefault(test, Map.of());
            for (String d : dims == null ? List.<String>of() : dims) {
                dimensions++;
                boolean has = tags.entrySet().stream().anyMatch(t -> !t.getKey().startsWith("!") && t.getValue().contains(d));
                if (has) tested++;
                else gaps.add(e + " declares " + d + " but no test in " + testClass + " is tagged @Tag(\"" + PREFIX + d + "\")");
            }
            for (var t : tags.entrySet()) {
                for (String d : t.getValue()) {
                    String where = t.getKey().startsWith("!") ? "its method " + t.getKey().substring(1) + ", which is not a test," : "its test " + t.getKey();
                    if (t.getKey().startsWith("!")) gaps.add(testClass + ": " + where + " is tagged @Tag(\"" + PREFIX + d + "\"): tag the tests that prove it");
                    else if (!DIMENSIONS.contains(d)) gaps.add(testClass + ": " + where + " is tagged @Tag(\"" + PREFIX + d + "\"), which is not a dimension (" + String.join(", ", DIMENSIONS) + ")");
                    else if (dims != null && !dims.contains(d)) gaps.add(testClass + ": " + where + " is tagged @Tag(\"" + PREFIX + d + "\") but " + e + " does not declare " + d + " in " + FILE);
                }
            }
        }
        return new Report(exercises.size(), declaredExercises, dimensions, tested, gaps);
    }

    /** The exercises of a module: its starters ExNN_Name.java. */
    static Set<String> exerciseNames(Path mainSources) throws IOException {
        Set<String> out = new java.util.TreeSet<>();
        if (!Files.isDirectory(mainSources)) return out;
        try (Stream<Path> s = Files.walk(mainSources)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.matches("Ex\\d\\d_\\w+\\.java"))
                    .forEach(n -> out.add(n.substring(0, n.length() - ".java".length())));
        }
        return out;
    }

    private static Map<String, Path> testFiles(Path testSources) throws IOException {
        Map<String, Path> out = new LinkedHashMap<>();
        if (!Files.isDirectory(testSources)) return out;
        try (Stream<Path> s = Files.walk(testSources)) {
            s.filter(p -> p.getFileName().toString().matches("Ex\\d\\d_\\w+Test\\.java")).forEach(p -> {
                String n = p.getFileName().toString();
                out.put(n.substring(0, n.length() - "Test.java".length()), p);
            });
        }
        return out;
    }

    /**
     * The contract dimensions each method of each file is tagged with (without the "contract:"
     * prefix); a method that is no test is keyed "!name". A class's tags go to each of its tests.
     */
    static Map<Path, Map<String, List<String>>> tags(List<Path> files) throws IOException {
        Map<Path, Map<String, List<String>>> out = new LinkedHashMap<>();
        if (files.isEmpty()) return out;
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(d -> { }, Locale.ROOT, StandardCharsets.UTF_8)) {
            Map<String, Path> byUri = new LinkedHashMap<>();
            var objects = new ArrayList<javax.tools.JavaFileObject>();
            for (Path f : files) {
                var o = fm.getJavaFileObjects(f).iterator().next();
                objects.add(o);
                byUri.put(o.toUri().toString(), f);
            }
            JavacTask task = (JavacTask) javac.getTask(null, fm, d -> { }, List.of("--release", "25", "-proc:none"), null, objects);
            for (CompilationUnitTree unit : task.parse()) {
                Path f = byUri.get(unit.getSourceFile().toUri().toString());
                Map<String, List<String>> byMethod = new LinkedHashMap<>();
                new TreeScanner<Void, List<String>>() {
                    @Override
                    public Void visitClass(ClassTree c, List<String> inherited) {
                        List<String> here = new ArrayList<>(inherited);
                        here.addAll(contractTags(c.getModifiers().getAnnotations()));
                        return super.visitClass(c, here);
                    }

                    @Override
                    public Void visitMethod(MethodTree m, List<String> inherited) {
                        var annotations = m.getModifiers().getAnnotations();
                        boolean test = annotations.stream().anyMatch(a -> TEST_ANNOTATIONS.contains(simpleName(a)));
                        Set<String> tags = new LinkedHashSet<>(contractTags(annotations));
                        if (test) tags.addAll(inherited);
                        if (test || !tags.isEmpty()) {
                            String key = (test ? "" : "!") + m.getName();
                            byMethod.computeIfAbsent(key, k -> new ArrayList<>()).addAll(tags);
                        }
                        return null; // no test methods inside methods
                    }
                }.scan(unit, List.of());
                out.put(f, byMethod);
            }
        }
        return out;
    }

    private static String simpleName(AnnotationTree a) {
        String n = a.getAnnotationType().toString();
        return n.substring(n.lastIndexOf('.') + 1);
    }

    /** The "contract:" tags among {@code annotations}: @Tag("contract:x"), and those inside @Tags({...}). */
    private static List<String> contractTags(List<? extends AnnotationTree> annotations) {
        List<String> out = new ArrayList<>();
        for (AnnotationTree a : annotations) {
            String name = simpleName(a);
            for (ExpressionTree arg : a.getArguments()) {
                ExpressionTree value = arg instanceof AssignmentTree as ? as.getExpression() : arg;
                if (name.equals("Tag") && value instanceof LiteralTree l && l.getValue() instanceof String s && s.startsWith(PREFIX)) {
                    out.add(s.substring(PREFIX.length()));
                } else if (name.equals("Tags")) {
                    List<AnnotationTree> inner = new ArrayList<>();
                    if (value instanceof NewArrayTree arr) arr.getInitializers().forEach(i -> { if (i instanceof AnnotationTree t) inner.add(t); });
                    else if (value instanceof AnnotationTree t) inner.add(t);
                    out.addAll(contractTags(inner));
                }
            }
        }
        return out;
    }
}
