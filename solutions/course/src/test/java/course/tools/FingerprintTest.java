package course.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintTest {

    @Test
    void equalInputsGiveEqualKeysAndAnyChangeChangesIt(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/b/X.java"), "class X {}");
        Files.writeString(dir.resolve("a/Y.java"), "class Y {}");
        Files.writeString(dir.resolve("a/notes.txt"), "not java");
        String first = new Fingerprint().add("s").tree(dir.resolve("a"), ".java").hex();

        assertThat(new Fingerprint().add("s").tree(dir.resolve("a"), ".java").hex()).isEqualTo(first);
        Files.writeString(dir.resolve("a/notes.txt"), "changed, but not a .java file");
        assertThat(new Fingerprint().add("s").tree(dir.resolve("a"), ".java").hex()).isEqualTo(first);

        Files.writeString(dir.resolve("a/b/X.java"), "class X { }");
        assertThat(new Fingerprint().add("s").tree(dir.resolve("a"), ".java").hex()).isNotEqualTo(first);
    }

    @Test
    void aRenamedFileOrMovedBoundaryChangesTheKey(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("A.java"), "x");
        String before = new Fingerprint().tree(dir).hex();
        Files.move(dir.resolve("A.java"), dir.resolve("B.java"));
        assertThat(new Fingerprint().tree(dir).hex()).isNotEqualTo(before);

        assertThat(new Fingerprint().add("ab").add("c").hex()).isNotEqualTo(new Fingerprint().add("a").add("bc").hex());
        assertThat(new Fingerprint().add(List.of("a", "b")).hex()).isNotEqualTo(new Fingerprint().add(List.of("b", "a")).hex());
    }

    @Test
    void aMissingFileIsAnInputToo(@TempDir Path dir) throws Exception {
        String missing = new Fingerprint().file(dir, dir.resolve("pom.xml")).hex();
        Files.writeString(dir.resolve("pom.xml"), "");
        assertThat(new Fingerprint().file(dir, dir.resolve("pom.xml")).hex()).isNotEqualTo(missing);
        assertThat(new Fingerprint().tree(dir.resolve("nothing-here")).hex()).isEqualTo(new Fingerprint().tree(dir.resolve("nor-here")).hex());
    }

    @Test
    void tsvFieldsSurviveTabsNewlinesAndBackslashes() {
        for (String s : List.of("", "plain", "a\tb", "line 1\nline 2\r\n", "C:\\path\\n", "\\t is not a tab")) {
            assertThat(Tsv.unescape(Tsv.escape(s))).isEqualTo(s);
            assertThat(Tsv.escape(s)).doesNotContain("\t", "\n", "\r");
        }
    }
}
