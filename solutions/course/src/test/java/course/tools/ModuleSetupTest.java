package course.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModuleSetupTest {

    @Test
    void argLineSplitsAtBlanksAndKeepsQuotesTogether() {
        assertThat(ModuleSetup.splitArgLine(" -XX:CompileCommand=quiet  -XX:CompileCommand=exclude,course.threads.Ex05_SharedCounter::* "))
                .containsExactly("-XX:CompileCommand=quiet", "-XX:CompileCommand=exclude,course.threads.Ex05_SharedCounter::*");
        assertThat(ModuleSetup.splitArgLine("-Da=\"two words\" -Db='x y' -Dc=\"\"")).containsExactly("-Da=two words", "-Db=x y", "-Dc=");
        assertThat(ModuleSetup.splitArgLine("")).isEmpty();
    }

    @Test
    void dependencyListGivesEachJarItsScope() {
        Map<Path, String> scopes = ModuleSetup.scopes(List.of(
                "",
                "The following files have been resolved:",
                "   io.vertx:vertx-core:jar:5.0.8:compile:/m2/io/vertx/vertx-core/5.0.8/vertx-core-5.0.8.jar -- module io.vertx.core",
                "   io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.2.10.Final:runtime:/m2/io/netty/e/4.2.10.Final/e-4.2.10.Final-linux-x86_64.jar -- module x (auto)",
                "   org.junit.jupiter:junit-jupiter-api:jar:5.14.4:test:/m2/org/junit/jupiter/junit-jupiter-api/5.14.4/junit-jupiter-api-5.14.4.jar",
                "   org.h2:h2:jar:2.4:provided:/m 2/with space/h2-2.4.jar",
                "   org.slf4j:slf4j-api:jar:2.0.7:test:/m2/org/slf4j/slf4j-api/2.0.7/slf4j-api-2.0.7.jar (optional) -- module org.slf4j"));

        assertThat(scopes).containsEntry(Path.of("/m2/io/vertx/vertx-core/5.0.8/vertx-core-5.0.8.jar"), "compile")
                .containsEntry(Path.of("/m2/io/netty/e/4.2.10.Final/e-4.2.10.Final-linux-x86_64.jar"), "runtime")
                .containsEntry(Path.of("/m2/org/junit/jupiter/junit-jupiter-api/5.14.4/junit-jupiter-api-5.14.4.jar"), "test")
                .containsEntry(Path.of("/m 2/with space/h2-2.4.jar"), "provided")
                .containsEntry(Path.of("/m2/org/slf4j/slf4j-api/2.0.7/slf4j-api-2.0.7.jar"), "test")
                .hasSize(5);
    }

    @Test
    void theLocalRepositoryIsWhereTheListedDependenciesLie() {
        assertThat(ModuleSetup.localRepository(List.of("The following files have been resolved:",
                "   org.junit.jupiter:junit-jupiter-api:jar:5.14.4:test:/home/a/.m2/repository/org/junit/jupiter/junit-jupiter-api/5.14.4/junit-jupiter-api-5.14.4.jar")))
                .isEqualTo(Path.of("/home/a/.m2/repository"));
        assertThat(ModuleSetup.localRepository(List.of())).isEqualTo(Path.of(System.getProperty("user.home"), ".m2", "repository"));
    }

    @Test
    void theCacheKeyFollowsThePomsAndTheMavenConfiguration(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("module-01-threads"));
        Files.writeString(root.resolve("pom.xml"), "<project>root</project>");
        Files.writeString(root.resolve("module-01-threads/pom.xml"), "<project>m</project>");
        String key = ModuleSetup.key(root, "module-01-threads");

        assertThat(ModuleSetup.key(root, "module-01-threads")).isEqualTo(key);
        Files.writeString(root.resolve("module-01-threads/pom.xml"), "<project>m, with an argLine</project>");
        String afterModulePom = ModuleSetup.key(root, "module-01-threads");
        assertThat(afterModulePom).isNotEqualTo(key);
        Files.createDirectories(root.resolve(".mvn"));
        Files.writeString(root.resolve(".mvn/maven.config"), "-Dx=y");
        assertThat(ModuleSetup.key(root, "module-01-threads")).isNotEqualTo(afterModulePom);
        // Sources are not part of it: they are keyed where they are compiled.
        Files.createDirectories(root.resolve("module-01-threads/src/main/java"));
        Files.writeString(root.resolve("module-01-threads/src/main/java/A.java"), "class A {}");
        assertThat(ModuleSetup.key(root, "module-01-threads")).isEqualTo(ModuleSetup.key(root, "module-01-threads"));
    }
}
