package course.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MutationTest {

    private static final String REPORT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <mutations partial="false">
            <mutation detected='true' status='KILLED' numberOfTestsRun='2'><sourceFile>Ex03_BoundedPool.java</sourceFile><mutatedClass>course.threads.Ex03_BoundedPool</mutatedClass><mutatedMethod>runAll</mutatedMethod><methodDescription>()</methodDescription><lineNumber>40</lineNumber><mutator>X</mutator><description>removed call to close</description></mutation>
            <mutation detected='false' status='SURVIVED' numberOfTestsRun='1'><sourceFile>Ex08_ThreadCost.java</sourceFile><mutatedClass>course.threads.Ex08_ThreadCost$StartCost</mutatedClass><mutatedMethod>perThread</mutatedMethod><methodDescription>()</methodDescription><lineNumber>35</lineNumber><mutator>X</mutator><description>replaced return value with null</description></mutation>
            <mutation detected='false' status='NO_COVERAGE' numberOfTestsRun='0'><sourceFile>Ex08_ThreadCost.java</sourceFile><mutatedClass>course.threads.Ex08_ThreadCost</mutatedClass><mutatedMethod>measure</mutatedMethod><methodDescription>()</methodDescription><lineNumber>50</lineNumber><mutator>X</mutator><description>removed call to stop</description></mutation>
            </mutations>
            """;

    @Test
    void printsSurvivorsPerExerciseAndCountsTheOnesNotRecorded(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("mutations.xml");
        Files.writeString(xml, REPORT);
        Path file = dir.resolve("equivalents.txt");
        Files.writeString(file, "# comment\nmodule-01-threads | Ex08_ThreadCost | perThread | * | * | given code\n");

        List<Mutation.Mutant> mutants = Mutation.mutants("module-01-threads", xml);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream was = System.out;
        int open;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            open = Mutation.print("module-01-threads", mutants, Mutation.equivalents(file));
        } finally {
            System.setOut(was);
        }

        assertThat(mutants).extracting(Mutation.Mutant::exercise).containsExactly("Ex03_BoundedPool", "Ex08_ThreadCost", "Ex08_ThreadCost");
        assertThat(open).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "module-01-threads: 3 mutants, 1 killed (33%), 2 survived: 1 recorded as equivalent or given, 1 open",
                "  Ex08_ThreadCost: 2 mutants, 0 killed",
                "    ok   line 35 perThread: replaced return value with null (survived): given code",
                "    OPEN line 50 measure: removed call to stop (no coverage)");
    }

    @Test
    void anEquivalentWithoutAReasonIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("equivalents.txt");
        Files.writeString(file, "module-01-threads | Ex08_ThreadCost | perThread | * | *\n");

        assertThatThrownBy(() -> Mutation.equivalents(file)).hasMessageContaining("six fields");
    }
}
