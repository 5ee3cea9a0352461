package course.tools;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The sample outputs in the root README (progress) and in solutions/README.md (the course check)
 * say how many exercises and tests each module has: they are
 * checked here against the course as it is, so that a new exercise or test makes this test fail
 * with the exact line to write instead. Exercises: the starters that have a test class. Tests: the
 * test methods of the exercises' test classes, a parameterized one counted once per case (as JUnit
 * runs and reports it).
 */
class ReadmeCountsTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Pattern PROGRESS = Pattern.compile("(?m)^(module-\\d\\d-[\\w-]+): (\\d+)/(\\d+) exercises done \\| (\\d+)/(\\d+) tests passing$");
    private static final Pattern CHECK = Pattern.compile("(?m)^(module-\\d\\d-[\\w-]+): (\\d+) tests \\| (\\d+) pass on solutions \\| (\\d+) fail on starters \\| (\\d+)/(\\d+) wrong answers caught$");

    @Test
    void theProgressSampleHasEveryModuleWithItsExercisesAndTests() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        List<String> modules = Course.modules(ROOT, List.of());
        Matcher m = PROGRESS.matcher(readme);
        List<String> wrong = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            String module = m.group(1);
            seen.add(module);
            int exercises = exercises(module), tests = tests(module);
            if (Integer.parseInt(m.group(3)) != exercises || Integer.parseInt(m.group(5)) != tests) {
                wrong.add("README.md says \"" + m.group() + "\"; " + module + " has " + exercises + " exercises and " + tests
                        + " tests: write \"" + module + ": " + m.group(2) + "/" + exercises + " exercises done | " + m.group(4) + "/" + tests + " tests passing\"");
            }
        }
        assertThat(seen).as("README.md's progress samples: one line per module, in order, in each").isNotEmpty();
        for (int i = 0; i < seen.size(); i += modules.size()) {
            assertThat(seen.subList(i, Math.min(seen.size(), i + modules.size()))).as("README.md's progress sample " + (i / modules.size() + 1)
                    + ": one line per module, in order").isEqualTo(modules);
        }
        // Each sample's "left:" line: the exercises of the course not done in the lines above it.
        int total = 0;
        for (String module : modules) total += exercises(module);
        Matcher block = Pattern.compile("(?s)((?:^module-\\d\\d-[\\w-]+: \\d+/\\d+ exercises done[^\\n]*\\n)+).*?^  left:  (\\d+) of (\\d+) exercises", Pattern.MULTILINE).matcher(readme);
        while (block.find()) {
            int done = 0;
            Matcher d = Pattern.compile("(?m): (\\d+)/\\d+ exercises done").matcher(block.group(1));
            while (d.find()) done += Integer.parseInt(d.group(1));
            String says = "left:  " + block.group(2) + " of " + block.group(3) + " exercises";
            String right = "left:  " + (total - done) + " of " + total + " exercises";
            if (!says.equals(right)) wrong.add("README.md's sample says \"" + says + "\" under " + done + " exercises done: write \"" + right + "\"");
        }
        if (!wrong.isEmpty()) fail(String.join("\n", wrong));
    }

    @Test
    void theCourseCheckSampleHasTheModulesTestsAndWrongAnswers() throws Exception {
        String readme = Files.readString(ROOT.resolve("solutions/README.md"), StandardCharsets.UTF_8);
        Matcher m = CHECK.matcher(readme);
        assertThat(m.find()).as("solutions/README.md shows one line of the course check").isTrue();
        do {
            String module = m.group(1);
            int tests = tests(module), wrongAnswers = wrongAnswers(module);
            String right = module + ": " + tests + " tests | " + tests + " pass on solutions | " + tests + " fail on starters | "
                    + wrongAnswers + "/" + wrongAnswers + " wrong answers caught";
            assertThat(m.group()).as("solutions/README.md's course check sample for " + module + ": write \"" + right + "\"").isEqualTo(right);
        } while (m.find());
    }

    @Test
    void aParameterizedTestCountsOncePerCase() {
        String source = """
                class Ex01_XTest {
                    enum Model { A("a"), B("b"), C("c"); final String s; Model(String s) { this.s = s; } }
                    @Test void one() { }
                    @ParameterizedTest
                    @ValueSource(ints = {3, 5, 20})
                    void three(int n) { }
                    @ParameterizedTest(name = "{0}")
                    @EnumSource(Model.class)
                    void perModel(Model m) { }
                }
                """;
        assertThat(tests(source, "Ex01_XTest")).isEqualTo(1 + 3 + 3);
    }

    /** The module's exercises: each test class ExNN_NameTest with its starter ExNN_Name.java. */
    static int exercises(String module) throws IOException {
        int n = 0;
        for (Exercises.Exercise e : Exercises.of(ROOT, module)) {
            assertThat(Exercises.sourceOf(ROOT.resolve(module).resolve("src/main/java"), e.name())).as(e + ": its starter").isPresent();
            n++;
        }
        return n;
    }

    /** The tests of the module's exercises, as JUnit counts them. */
    static int tests(String module) throws IOException {
        int n = 0;
        try (Stream<Path> s = Files.walk(ROOT.resolve(module).resolve("src/test/java"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().matches("Ex\\d\\d_\\w+Test\\.java")).sorted().toList()) {
                n += tests(Files.readString(p, StandardCharsets.UTF_8), p.getFileName().toString());
            }
        }
        return n;
    }

    private static final Pattern TEST = Pattern.compile("@(Test|ParameterizedTest|RepeatedTest)\\b([^\\n]*)");

    static int tests(String source, String where) {
        int n = 0;
        Matcher m = TEST.matcher(source);
        while (m.find()) {
            if (!m.group(1).equals("ParameterizedTest")) {
                Matcher repeated = Pattern.compile("RepeatedTest\\((?:value\\s*=\\s*)?(\\d+)").matcher(m.group());
                n += m.group(1).equals("RepeatedTest") && repeated.find() ? Integer.parseInt(repeated.group(1)) : 1;
                continue;
            }
            String annotations = source.substring(m.end(), source.indexOf("void ", m.end()));
            Matcher values = Pattern.compile("@ValueSource\\(\\w+\\s*=\\s*\\{([^}]*)}").matcher(annotations);
            Matcher enums = Pattern.compile("@EnumSource\\((\\w+)\\.class\\)").matcher(annotations);
            // names = {...} without a mode includes exactly the constants it names
            Matcher named = Pattern.compile("@EnumSource\\(value\\s*=\\s*\\w+\\.class,\\s*names\\s*=\\s*\\{([^}]*)}\\s*\\)").matcher(annotations);
            Matcher method = Pattern.compile("@MethodSource\\(\"(\\w+)\"\\)").matcher(annotations);
            if (values.find()) {
                n += values.group(1).split(",").length;
            } else if (named.find()) {
                n += named.group(1).split(",").length;
            } else if (enums.find()) {
                n += enumConstants(source, enums.group(1), where);
            } else if (method.find()) {
                n += providedArguments(source, method.group(1), where);
            } else {
                fail(where + ": a parameterized test whose cases ReadmeCountsTest cannot count (" + annotations.strip()
                        + "): teach ReadmeCountsTest.tests its source");
            }
        }
        return n;
    }

    /** How many arguments {@code static ... name()} provides, when it returns {@code IntStream.of(...)} or {@code Stream.of(...)}. */
    private static int providedArguments(String source, String name, String where) {
        Matcher decl = Pattern.compile("static\\s+\\w+(?:<[^>]*>)?\\s+" + name + "\\(\\)\\s*\\{\\s*return\\s+\\w*Stream\\.of\\(").matcher(source);
        if (!decl.find()) fail(where + ": @MethodSource(\"" + name + "\") does not return IntStream.of(...) or Stream.of(...); teach ReadmeCountsTest its source");
        return topLevelItems(source, decl.end());
    }

    /** The constants of {@code enum name} declared in the test class. */
    private static int enumConstants(String source, String name, String where) {
        Matcher decl = Pattern.compile("enum\\s+" + name + "\\s*\\{").matcher(source);
        if (!decl.find()) fail(where + ": enum " + name + " is not declared in the test class; teach ReadmeCountsTest where to find it");
        return topLevelItems(source, decl.end());
    }

    /** The comma-separated items from {@code start} to the bracket that closes it, or to a ';' at that level (an enum's body). */
    private static int topLevelItems(String source, int start) {
        int depth = 0, count = 1;
        for (int i = start; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '(' || c == '{') depth++;
            else if (c == ')' || c == '}') {
                if (depth == 0) break;
                depth--;
            } else if (c == ';' && depth == 0) break;
            else if (c == ',' && depth == 0) count++;
        }
        return count;
    }

    /** The module's wrong answers: every file of solutions/wrong/MODULE. */
    static int wrongAnswers(String module) throws IOException {
        Path dir = ROOT.resolve("solutions/wrong").resolve(module);
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> s = Files.walk(dir)) {
            return (int) s.filter(p -> p.toString().endsWith(".diff")).count();
        }
    }
}
