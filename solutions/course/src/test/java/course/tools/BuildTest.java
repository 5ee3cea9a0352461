package course.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BuildTest {

    @TempDir
    Path dir;

    private String api(String source) throws Exception {
        Path src = dir.resolve("src-" + System.nanoTime()).resolve("p/Ex03_Pool.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path out = dir.resolve("out-" + System.nanoTime());
        Files.createDirectories(out);
        List<Javac.Problem> problems = Javac.compile(List.of(src), out, List.of(), List.of(), "25", List.of("-Xlint:all"));
        assertThat(problems).isEmpty();
        return Build.apiKey(out);
    }

    @Test
    void aChangedMethodBodyKeepsTheApiKeySoTheTestsAreNotRecompiled() throws Exception {
        String starter = api("package p; public final class Ex03_Pool { static int helper() { return 1; }"
                + " public static int run(int n) { throw new UnsupportedOperationException(\"Ex03 not implemented yet\"); } }");
        String solved = api("package p; public final class Ex03_Pool { static int helper() { return 1; }"
                + " private static int twice(int n) { return 2 * n; }"
                + " public static int run(int n) { Runnable r = () -> { }; r.run(); return new Object() { int x = twice(n); }.x; } }");
        assertThat(solved).isEqualTo(starter);
    }

    @Test
    void aChangedSignatureOrConstantChangesIt() throws Exception {
        String base = api("package p; public final class Ex03_Pool { static final int SIZE = 4; public static int run(int n) { return n; } }");
        assertThat(api("package p; public final class Ex03_Pool { static final int SIZE = 4; public static long run(int n) { return n; } }")).isNotEqualTo(base);
        assertThat(api("package p; public final class Ex03_Pool { static final int SIZE = 5; public static int run(int n) { return n; } }")).isNotEqualTo(base);
        assertThat(api("package p; public final class Ex03_Pool { static final int SIZE = 4; static int run(int n) { return n; } }")).isNotEqualTo(base);
        assertThat(api("package p; public final class Ex03_Pool { static final int SIZE = 4; public static int run(int n) { return n; } static void more() { } }")).isNotEqualTo(base);
    }

    @Test
    void compileErrorsComeBackAsFileLineAndMessage() throws Exception {
        Path src = dir.resolve("p/Ex04_Broken.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package p;\npublic class Ex04_Broken {\n  int x = 1\n}\n");
        List<Javac.Problem> problems = Javac.compile(List.of(src), Files.createDirectories(dir.resolve("out")), List.of(), List.of(), "25", List.of());
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(src);
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).isEqualTo("';' expected");
            assertThat(p.describe(dir)).isEqualTo("p/Ex04_Broken.java:3: ';' expected");
        });
    }

    @Test
    void aMissingSymbolIsNamed() {
        assertThat(Javac.oneLine("cannot find symbol\n  symbol:   class UnsupportedOperationExceptio\n  location: class p.Ex02"))
                .isEqualTo("cannot find symbol (symbol: class UnsupportedOperationExceptio)");
        assertThat(Javac.oneLine("';' expected")).isEqualTo("';' expected");
        assertThat(Javac.oneLine(null)).isEmpty();
    }
}
