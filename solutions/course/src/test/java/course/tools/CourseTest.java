package course.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CourseTest {

    @Test
    void modulesAreFoundInOrderAndByPrefix(@TempDir Path root) throws Exception {
        for (String m : List.of("module-02-async", "module-01-threads", "module-03-mixed")) {
            Files.createDirectories(root.resolve(m));
            Files.writeString(root.resolve(m).resolve("pom.xml"), "<project/>");
        }
        Files.createDirectories(root.resolve("module-09-nopom"));

        assertThat(Course.modules(root, List.of())).containsExactly("module-01-threads", "module-02-async", "module-03-mixed");
        assertThat(Course.modules(root, List.of("module-02", "module-01-threads"))).containsExactly("module-02-async", "module-01-threads");
        assertThat(Course.modules(root, List.of("module-03-mixed,module-01"))).containsExactly("module-03-mixed", "module-01-threads");
        assertThatThrownBy(() -> Course.modules(root, List.of("module-07"))).hasMessageContaining("no such module: module-07");
    }
}
