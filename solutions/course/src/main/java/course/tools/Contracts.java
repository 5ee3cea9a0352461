package course.tools;

import com.sun.source.tree.*;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import javax.tools.ToolProvider;

/**
 * Each exercise's contract: the dimensions its manifest line declares, each proven by a test method of its test class tagged {@code
 * @Tag("contract:<dimension>")} (a tag on the class counts for each of its tests). The tags are read with javac's parser, so a module
 * whose tests do not compile still gets checked.
 */
final class Contracts {

    /** The fixed set of dimensions (see "Contracts" in solutions/README.md). */
    static final List<String> DIMENSIONS = List.of("values", "placement", "concurrency", "lifecycle", "errors", "state", "cores", "event-loop");
    private static final String PREFIX = "contract:", NOT_ONE = ", which is not a dimension (" + String.join(", ", DIMENSIONS) + ")";
    private static final Set<String> TESTS = Set.of("Test", "ParameterizedTest", "RepeatedTest", "TestFactory", "TestTemplate");

    /** A module's contracts: its exercises, how many declared dimensions have a test, and every gap. */
    record Report(int exercises, int dimensions, int tested, List<String> gaps) {
        String line() {
            return gaps.isEmpty() ? "contracts: %d/%d exercises declared, %d dimensions each tested".formatted(exercises, exercises, dimensions)
                    : "contracts: %d/%d exercises declared, %d/%d declared dimensions tested, %d gap%s".formatted(
                            exercises, exercises, tested, dimensions, gaps.size(), gaps.size() == 1 ? "" : "s");
        }
    }

    private Contracts() {}

    /** Checks the contracts {@code module}'s manifest declares against its test sources. */
    static Report of(Path root, String module) throws IOException {
        String manifest = module + "/" + Manifest.FILE;
        List<Manifest.Entry> exercises = Manifest.read(root, module).exercises();
        Path tests = root.resolve(module).resolve("src/test/java");
        var tagged = tags(exercises.stream().map(e -> tests.resolve(e.path() + "Test.java")).filter(Files::exists).toList());
        List<String> gaps = new ArrayList<>();
        int dimensions = 0, tested = 0;
        for (Manifest.Entry e : exercises) {
            String testClass = e.name() + "Test";
            Map<String, List<String>> tags = tagged.getOrDefault(Path.of(tests.resolve(e.path() + "Test.java").toUri()), Map.of());
            for (String d : e.contract().stream().distinct().toList()) {
                if (!DIMENSIONS.contains(d)) {
                    gaps.add(e.name() + " declares " + d + " in " + manifest + NOT_ONE);
                    continue;
                }
                dimensions++;
                if (tags.entrySet().stream().anyMatch(t -> !t.getKey().startsWith("!") && t.getValue().contains(d))) tested++;
                else gaps.add(e.name() + " declares " + d + " but no test in " + testClass + " is tagged @Tag(\"" + PREFIX + d + "\")");
            }
            tags.forEach((method, ds) -> ds.forEach(d -> {
                boolean test = !method.startsWith("!");
                String where = testClass + ": " + (test ? "its test " + method : "its method " + method.substring(1) + ", which is not a test,")
                        + " is tagged @Tag(\"" + PREFIX + d + "\")";
                if (!test) gaps.add(where + ": tag the tests that prove it");
                else if (!DIMENSIONS.contains(d)) gaps.add(where + NOT_ONE);
                else if (!e.contract().contains(d)) gaps.add(where + " but " + e.name() + " does not declare " + d + " in " + manifest);
            }));
        }
        return new Report(exercises.size(), dimensions, tested, gaps);
    }

    /** Per file, the dimensions each method is tagged with; a method that is no test is keyed "!name". */
    private static Map<Path, Map<String, List<String>>> tags(List<Path> files) throws IOException {
        Map<Path, Map<String, List<String>>> out = new LinkedHashMap<>();
        if (files.isEmpty()) return out;
        var javac = ToolProvider.getSystemJavaCompiler();
        try (var fm = javac.getStandardFileManager(d -> { }, Locale.ROOT, StandardCharsets.UTF_8)) {
            var task = (JavacTask) javac.getTask(null, fm, d -> { }, List.of("--release", "25", "-proc:none"), null, fm.getJavaFileObjectsFromPaths(files));
            for (CompilationUnitTree unit : task.parse()) {
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
                        boolean test = annotations.stream().anyMatch(a -> TESTS.contains(simpleName(a)));
                        Set<String> tags = new LinkedHashSet<>(contractTags(annotations));
                        if (test) tags.addAll(inherited);
                        if (test || !tags.isEmpty()) byMethod.computeIfAbsent((test ? "" : "!") + m.getName(), k -> new ArrayList<>()).addAll(tags);
                        return null; // no test methods inside methods
                    }
                }.scan(unit, List.of());
                out.put(Path.of(unit.getSourceFile().toUri()), byMethod);
            }
        }
        return out;
    }

    private static String simpleName(AnnotationTree a) { return a.getAnnotationType().toString().replaceAll(".*\\.", ""); }

    /** The "contract:" tags among {@code annotations}: @Tag("contract:x"), and those inside @Tags({...}). */
    private static List<String> contractTags(List<? extends AnnotationTree> annotations) {
        List<String> out = new ArrayList<>();
        for (AnnotationTree a : annotations) {
            for (ExpressionTree arg : a.getArguments()) {
                ExpressionTree value = arg instanceof AssignmentTree as ? as.getExpression() : arg;
                if (simpleName(a).equals("Tag") && value instanceof LiteralTree l && l.getValue() instanceof String s && s.startsWith(PREFIX)) {
                    out.add(s.substring(PREFIX.length()));
                } else if (simpleName(a).equals("Tags")) {
                    List<AnnotationTree> inner = value instanceof NewArrayTree arr
                            ? arr.getInitializers().stream().filter(AnnotationTree.class::isInstance).map(AnnotationTree.class::cast).toList()
                            : value instanceof AnnotationTree t ? List.of(t) : List.of();
                    out.addAll(contractTags(inner));
                }
            }
        }
        return out;
    }
}
