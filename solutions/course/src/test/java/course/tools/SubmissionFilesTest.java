package course.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SubmissionFilesTest {

    private static final String M = FakeCourse.MODULE;
    private static final String PKG = M + "/src/main/java/course/demo/";

    @Test
    void takesOnlyExercisePackageSourcesThatShadowNothing(@TempDir Path dir) throws Exception {
        Path course = FakeCourse.create(dir.resolve("course"));
        SubmissionFiles.Module layout = SubmissionFiles.Module.of(course, M);
        assertThat(layout.exercises()).containsExactly("Ex01_First", "Ex02_Second");
        assertThat(layout.packageDirs()).containsExactly("course/demo");
        assertThat(layout.reservedNames()).contains("Thread", "Rendezvous", "Ex01_FirstTest", "Ex01_First");

        Path sub = dir.resolve("sub");
        FakeCourse.write(sub.resolve(PKG + "Ex01_First.java"), FakeCourse.solved("Ex01_First"));
        FakeCourse.write(sub.resolve(PKG + "Helper.java"), "package course.demo;\nclass Helper { Object p = new ProcessBuilder(\"sh\"); }\n");
        FakeCourse.write(sub.resolve(PKG + "Thread.java"), "package course.demo;\nclass Thread { }\n");
        FakeCourse.write(sub.resolve(PKG + "Ex01_FirstTest.java"), "package course.demo;\nclass Ex01_FirstTest { }\n");
        FakeCourse.write(sub.resolve(PKG + "Sneaky.java"), "\\u0070ackage org.junit.platform.engine;\npublic class Sneaky { }\n");
        FakeCourse.write(sub.resolve(PKG + "Ex02_Second.java"), "package course.demo;\npublic class Ex02_Second {\n  void run( {\n}\n");
        FakeCourse.write(sub.resolve(PKG + "Other.java"), "package course.demo;\nclass Other { }\nclass Rendezvous { }\n");
        FakeCourse.write(sub.resolve(PKG + "notes.txt"), "hello\n");
        FakeCourse.write(sub.resolve(M + "/src/main/java/org/junit/platform/engine/TestExecutionResult.java"),
                "package org.junit.platform.engine;\npublic class TestExecutionResult { }\n");
        FakeCourse.write(sub.resolve(M + "/src/test/java/course/demo/Ex02_SecondTest.java"), "class Ex02_SecondTest { }\n");
        FakeCourse.write(sub.resolve(M + "/pom.xml"), "<project/>\n"); // the same as the course's: not listed
        FakeCourse.write(sub.resolve(M + "/target/classes/x.class"), "build output\n");
        Files.createSymbolicLink(sub.resolve(PKG + "Link.java"), sub.resolve(PKG + "Helper.java"));

        SubmissionFiles.Result r = SubmissionFiles.take(sub, List.of(layout), course);

        assertThat(r.taken()).extracting(SubmissionFiles.Taken::rel).containsExactly("course/demo/Ex01_First.java", "course/demo/Helper.java");
        assertThat(String.join("\n", r.ignored())).contains(
                PKG + "Thread.java (declares Thread, a name the course's tests or support code use)",
                PKG + "Ex01_FirstTest.java (declares Ex01_FirstTest,",
                PKG + "Sneaky.java (declares package org.junit.platform.engine, not course.demo)",
                PKG + "Other.java (declares Rendezvous,",
                PKG + "notes.txt (not a Java source file)",
                PKG + "Link.java (a symbolic link: refused)",
                M + "/src/main/java/org/junit/platform/engine/TestExecutionResult.java (not in an exercise package (course/demo))",
                M + "/src/test/java/course/demo/Ex02_SecondTest.java (differs from the course's own, which is used)");
        assertThat(r.ignored()).noneMatch(i -> i.contains("pom.xml") || i.contains("target"));
        assertThat(r.unparsable()).singleElement().satisfies(u -> {
            assertThat(u.exercise()).isEqualTo("Ex02_Second");
            assertThat(u.error()).startsWith("course/demo/Ex02_Second.java:3 ");
        });
        assertThat(r.hints()).singleElement().satisfies(h -> {
            assertThat(h.file()).isEqualTo(PKG + "Helper.java");
            assertThat(h.line()).isEqualTo(2);
            assertThat(h.what()).startsWith("starts a process");
        });
        // the hash sha256sum would give over "sha256  path" lines
        String lines = CourseTree.sha256(FakeCourse.solved("Ex01_First").getBytes(StandardCharsets.UTF_8)) + "  " + PKG + "Ex01_First.java\n"
                + CourseTree.sha256(Files.readAllBytes(sub.resolve(PKG + "Helper.java"))) + "  " + PKG + "Helper.java\n";
        assertThat(r.sha256()).isEqualTo(CourseTree.sha256(lines.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void reviewHintsNameWhatCheatsNeed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("X.java");
        Files.writeString(f, """
                package course.demo;
                // System.exit in a comment is not a use
                class X {
                    static {
                        Runtime.getRuntime().addShutdownHook(new Thread(() -> {}));
                        String r = "target/surefire-reports";
                        String p = "/proc/self/status";
                        try { Class.forName("org.junit.platform.engine.TestExecutionResult").getDeclaredField("status").setAccessible(true); } catch (Exception e) { }
                        Object u = sun.misc.Unsafe.class;
                        Object a = "com.sun.tools.attach.VirtualMachine";
                        Runtime.getRuntime().halt(0);
                    }
                }
                """);
        var parsed = JavaSources.parse(List.of(f), Map.of(f, "X.java"));
        assertThat(parsed.get(f).hints()).extracting(h -> h.line() + " " + h.what().replaceFirst(" \\(.*", "")).containsExactlyInAnyOrder(
                "5 adds a shutdown hook", "6 mentions surefire or its reports", "7 reads /proc", "8 uses reflection",
                "8 reaches into the test libraries", "9 uses sun.misc.Unsafe or JDK internals", "10 uses the Attach API",
                "11 ends the JVM");
    }
    /** A link anywhere from the submission's root to a taken file is refused: the module folder, src, src/main, src/main/java. */
    @Test
    void aLinkOnTheWayToTheSourcesIsRefusedInEveryForm(@TempDir Path dir) throws Exception {
        Path course = FakeCourse.create(dir.resolve("course"));
        SubmissionFiles.Module layout = SubmissionFiles.Module.of(course, M);
        Path elsewhere = dir.resolve("elsewhere");
        FakeCourse.write(elsewhere.resolve(PKG + "Ex01_First.java"), FakeCourse.solved("Ex01_First"));
        for (String part : List.of(M, M + "/src", M + "/src/main", M + "/src/main/java")) {
            Path sub = dir.resolve("sub-" + part.replace('/', '-'));
            Path link = sub.resolve(part);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, elsewhere.resolve(part));
            SubmissionFiles.Result r = SubmissionFiles.take(sub, List.of(layout), course);
            assertThat(r.taken()).as(part).isEmpty();
            assertThat(r.notes()).as(part).anyMatch(n -> n.startsWith(part + " is a symbolic link: refused"));
        }
    }

    /** A link committed to a repository survives the clone, and is refused all the same. */
    @Test
    void aCommittedLinkIsRefusedInTheClone(@TempDir Path dir) throws Exception {
        Path course = FakeCourse.create(dir.resolve("course"));
        SubmissionFiles.Module layout = SubmissionFiles.Module.of(course, M);
        Path elsewhere = dir.resolve("elsewhere");
        FakeCourse.write(elsewhere.resolve(PKG + "Ex01_First.java"), FakeCourse.solved("Ex01_First"));
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve(M));
        Files.createSymbolicLink(repo.resolve(M + "/src"), elsewhere.resolve(M + "/src"));
        Course.git(dir, "init", "-q", repo.toString());
        Course.git(repo, "add", "-A");
        Course.git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "link");
        Path clone = dir.resolve("clone");
        Course.git(dir, "clone", "-q", repo.toString(), clone.toString());
        assertThat(Files.isSymbolicLink(clone.resolve(M + "/src"))).isTrue();
        SubmissionFiles.Result r = SubmissionFiles.take(clone, List.of(layout), course);
        assertThat(r.taken()).isEmpty();
        assertThat(r.notes()).anyMatch(n -> n.startsWith(M + "/src is a symbolic link: refused"));
    }

    @Test
    void oddNamesAreShownEscapedAndNeverRead(@TempDir Path dir) throws Exception {
        Path course = FakeCourse.create(dir.resolve("course"));
        SubmissionFiles.Module layout = SubmissionFiles.Module.of(course, M);
        Path sub = dir.resolve("sub");
        FakeCourse.write(sub.resolve(PKG + "Ex01_First.java"), FakeCourse.solved("Ex01_First"));
        FakeCourse.write(sub.resolve(PKG + "Odd\u001b[31m\nName.java"), "package course.demo;\nclass Odd { }\n");
        SubmissionFiles.Result r = SubmissionFiles.take(sub, List.of(layout), course);
        assertThat(r.taken()).extracting(SubmissionFiles.Taken::rel).containsExactly("course/demo/Ex01_First.java");
        assertThat(r.ignored()).anyMatch(i -> i.contains("Odd\\u001b[31m\\u000aName.java (an odd name"));
        assertThat(String.join("", r.ignored())).doesNotContain("\u001b").doesNotContain("\n");
    }

    /** A file too deep for the grader's own scanner is refused (its exercise does not compile); the rest is taken. */
    @Test
    void aFileTooDeepToScanIsRefusedNotFatal(@TempDir Path dir) throws Exception {
        Path course = FakeCourse.create(dir.resolve("course"));
        SubmissionFiles.Module layout = SubmissionFiles.Module.of(course, M);
        Path sub = dir.resolve("sub");
        FakeCourse.write(sub.resolve(PKG + "Ex01_First.java"), FakeCourse.solved("Ex01_First"));
        FakeCourse.write(sub.resolve(PKG + "Ex02_Second.java"), "package course.demo;\npublic class Ex02_Second {\n  static final int DEEP = 1"
                + "+1".repeat(100_000) + ";\n}\n");
        SubmissionFiles.Result r = SubmissionFiles.take(sub, List.of(layout), course);
        assertThat(r.taken()).extracting(SubmissionFiles.Taken::rel).containsExactly("course/demo/Ex01_First.java");
        assertThat(r.unparsable()).singleElement().satisfies(u -> {
            assertThat(u.exercise()).isEqualTo("Ex02_Second");
            assertThat(u.error()).contains("too deeply nested");
        });
    }

    @Test
    void reviewHintsNameClassLoadingTheCompilerApiAndFileReading(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("Y.java");
        Files.writeString(f, """
                package course.demo;
                class Y {
                    static Object a() throws Exception { return new java.net.URLClassLoader(new java.net.URL[0]); }
                    static Object b() { return javax.tools.ToolProvider.getSystemJavaCompiler(); }
                    static Object c() throws Exception { return java.nio.file.Files.readString(java.nio.file.Path.of("/x")); }
                    static Object d() throws Exception { return Y.class.getMethod("a"); }
                }
                """);
        var parsed = JavaSources.parse(List.of(f), Map.of(f, "Y.java"));
        assertThat(parsed.get(f).hints()).extracting(h -> h.line() + " " + h.what().replaceFirst(" \\(.*", "")).contains(
                "3 loads or defines classes", "4 compiles code at run time", "5 reads files or lists folders", "6 uses reflection");
    }
}
