package course.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny course for the tools' tests: a git repository with one module (module-01-demo, package
 * course.demo) of two exercises, and a grader runner that needs no Maven: an exercise's tests pass
 * when its source contains SOLVED, and a source containing BROKEN does not compile.
 */
final class FakeCourse {

    static final String MODULE = "module-01-demo";

    static Path create(Path root) throws Exception {
        write(root.resolve("mvnw"), "#!/bin/sh\necho not used\n");
        write(root.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(root.resolve("solutions/course/src/main/java"));   // an instructor's clone: the instructor's tools are there
        Path mod = root.resolve(MODULE);
        write(mod.resolve("pom.xml"), "<project/>\n");
        write(mod.resolve("manifest.txt"), """
                # class                  points  hint                 wrong  contract
                course.demo.Ex01_First   10      hints/Ex01_First.md  0      values
                course.demo.Ex02_Second  5       hints/Ex02_Second.md 0      values
                """);
        write(mod.resolve("src/main/java/course/demo/Ex01_First.java"), starter("Ex01_First"));
        write(mod.resolve("src/main/java/course/demo/Ex02_Second.java"), starter("Ex02_Second"));
        write(mod.resolve("src/test/java/course/demo/Ex01_FirstTest.java"), """
                package course.demo;
                import org.junit.jupiter.api.Test;
                class Ex01_FirstTest {
                    @Test void returnsIt() { Thread t = Thread.currentThread(); new Ex01_First().run(); }
                    @Test void runsOnAnotherThread() { Rendezvous.meet(); }
                }
                """);
        write(mod.resolve("src/test/java/course/demo/Ex02_SecondTest.java"), """
                package course.demo;
                import org.junit.jupiter.api.Test;
                class Ex02_SecondTest {
                    @Test void works() { new Ex02_Second().run(); }
                }
                """);
        write(mod.resolve("src/test/java/course/demo/support/Rendezvous.java"), "package course.demo.support;\npublic class Rendezvous { }\n");
        write(root.resolve("solutions/" + MODULE + "/src/main/java/course/demo/Ex01_First.java"), solved("Ex01_First"));
        git(root, "init", "-q", "-b", "main");
        commitAll(root, "course");
        return root;
    }

    /** Adds an exercise, by its class's full name, to the end of {@code module}'s manifest. */
    static void listInManifest(Path module, String className) throws java.io.IOException {
        Files.createDirectories(module);
        Files.writeString(module.resolve("manifest.txt"), className + "  10  hints/" + className.substring(className.lastIndexOf('.') + 1)
                + ".md  0  values\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    static String starter(String name) {
        return "package course.demo;\n\n/** Starter. */\npublic class " + name + " {\n    // TODO do it\n    public void run() { throw new UnsupportedOperationException(\"not implemented\"); }\n}\n";
    }

    static String solved(String name) {
        return "package course.demo;\n\npublic class " + name + " {\n    public void run() { /* SOLVED */ }\n}\n";
    }

    /** A learner's repository holding {@code files} (path -> content) on top of the starters. */
    static Path learner(Path dir, Map<String, String> files) throws Exception {
        write(dir.resolve(MODULE + "/src/main/java/course/demo/Ex01_First.java"), starter("Ex01_First"));
        write(dir.resolve(MODULE + "/src/main/java/course/demo/Ex02_Second.java"), starter("Ex02_Second"));
        for (var e : files.entrySet()) write(dir.resolve(e.getKey()), e.getValue());
        git(dir, "init", "-q", "-b", "main");
        commitAll(dir, "work");
        return dir;
    }

    static void commitAll(Path repo, String message) throws Exception {
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-q", "-m", message);
    }

    static String git(Path repo, String... args) throws Exception {
        return Course.git(repo, args);
    }

    static void write(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    /** The grader's runner without Maven. */
    static Grader.Runner runner() {
        return new Grader.Runner() {
            @Override
            public Grader.RunOutcome run(Path course, String module, List<String> testClasses, Path log) throws Exception {
                Path main = course.resolve(module).resolve("src/main/java/course/demo");
                List<String> lines = new ArrayList<>();
                try (var s = Files.list(main)) {
                    for (Path f : s.sorted().toList()) {
                        List<String> src = Files.readAllLines(f);
                        for (int i = 0; i < src.size(); i++) {
                            if (src.get(i).contains("BROKEN")) lines.add("[ERROR] " + f.toAbsolutePath() + ":[" + (i + 1) + ",1] cannot find symbol");
                        }
                    }
                }
                if (!lines.isEmpty()) return new Grader.RunOutcome(lines, false);
                Path reports = course.resolve(module).resolve("target/surefire-reports");
                Files.createDirectories(reports);
                for (String test : testClasses) {
                    String exercise = test.substring(0, test.length() - 4);
                    boolean solved = Files.readString(main.resolve(exercise + ".java")).contains("SOLVED");
                    StringBuilder xml = new StringBuilder("<testsuite>\n");
                    for (String m : methods(course.resolve(module).resolve("src/test/java/course/demo/" + test + ".java"))) {
                        xml.append("<testcase name=\"").append(m).append("\" classname=\"course.demo.").append(test).append("\">")
                           .append(solved ? "" : "<failure message=\"" + exercise.substring(0, 4) + ": not yet\"/>").append("</testcase>\n");
                    }
                    Files.writeString(reports.resolve("TEST-course.demo." + test + ".xml"), xml.append("</testsuite>\n"));
                }
                return new Grader.RunOutcome(List.of("[INFO] BUILD SUCCESS"), false);
            }

            @Override
            public Map<String, Map<String, List<ExpectedTests.Method>>> expected(Path course, List<String> modules, Path log) throws Exception {
                Map<String, List<ExpectedTests.Method>> byExercise = new LinkedHashMap<>();
                for (String e : Exercises.of(course, MODULE).stream().map(Exercises.Exercise::name).toList()) {
                    List<ExpectedTests.Method> ms = new ArrayList<>();
                    for (String m : methods(course.resolve(MODULE).resolve("src/test/java/course/demo/" + e + "Test.java"))) {
                        ms.add(new ExpectedTests.Method("course.demo." + e + "Test", m, false));
                    }
                    byExercise.put(e, ms);
                }
                return Map.of(MODULE, byExercise);
            }
        };
    }

    private static List<String> methods(Path test) throws IOException {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("@Test void (\\w+)").matcher(Files.readString(test));
        while (m.find()) out.add(m.group(1));
        return out;
    }

    private FakeCourse() {}
}
