package course.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grader's own tests: builds fixture submissions from this course (the generated solution
 * branch, the untouched starters, and solutions broken the ways careless and hostile submissions
 * are), grades them as one batch, sandbox required, and checks that every one gets exactly its
 * honest grade, that classmates' folders, this repository, $HOME, ~/.m2 and /tmp are untouched, that
 * grades.csv stays as it was after grading, and that no process of a submission outlives it.
 * Fixtures use the first three exercises of one module (the first by default).
 */
@Tag("grader-selftest")
class GraderSelfTest {

    /** What an exercise's grade must be. */
    enum Expect { FULL, ZERO, ANY }

    private final Path root = Course.findRoot();

    /**
     * Not in the default unit-test run (tagged, excluded in the pom): run it with
     * {@code ./mvnw -q -f solutions/course/pom.xml test -Pgrader-selftest [-Dgrader.selftest.module=module-02]}.
     */
    @Test
    void everyFixtureSubmissionGetsItsHonestGrade() throws Exception {
        String module = System.getProperty("grader.selftest.module", "");
        assertThat(run(module.isBlank() ? List.of() : List.of(module))).as("the grader self-test (its output above)").isZero();
    }

    /** Grades fixtures built from {@code named} (default: the first module). */
    int run(List<String> named) throws Exception {
        long start = System.nanoTime();
        String module;
        module = Course.modules(root, Args.flags(named).atMost(1, "name one module").positionals()).getFirst();
        List<String> exercises = Manifest.read(root, module).exercises().stream().map(Manifest.Entry::name).toList().subList(0, 3);
        String statusBefore = git("status", "--porcelain");
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        String nonce = HexFormat.of().formatHex(java.security.SecureRandom.getSeed(8));

        new SolutionBranch(root).run(List.of());
        Path tmp = Files.createTempDirectory("course-grader-selftest-");
        List<Path> canaries = new ArrayList<>();
        List<Path> secretFiles = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        List<AutoCloseable> closeLater = new ArrayList<>();
        boolean probeIn = false;
        try {
            Path fixtures = tmp.resolve("submissions");
            Path outDir = tmp.resolve("out");
            Map<String, Map<String, Expect>> expected = new LinkedHashMap<>();
            List<String> submissions = new ArrayList<>();
            String e1 = exercises.get(0), e2 = exercises.get(1), e3 = exercises.get(2);
            Path home = Path.of(System.getProperty("user.home"));
            String envHome = System.getenv().getOrDefault("HOME", home.toString());
            for (Path dir : List.of(Path.of("/tmp"), Path.of(envHome), home.resolve(".m2"), root, root.resolve("target"))) {
                canaries.add(dir.resolve("course-attack-" + nonce));
            }
            // Secrets a submission must never see, planted where an instructor's machine or CI has them: in
            // the grader's environment (as Maven gets it) and in files in $HOME, the course clone, the host's
            // /tmp and beside the submissions. Their values are random: no fixture's source holds one.
            for (Path dir : List.of(Path.of(envHome), root.resolve("target"), tmp, Path.of("/tmp"))) {
                secretFiles.add(dir.resolve("course-selftest-secret-" + nonce));
            }
            for (Path f : secretFiles) {
                Files.createDirectories(f.getParent());
                String value = "S" + HexFormat.of().formatHex(java.security.SecureRandom.getSeed(12));
                Files.writeString(f, value + "\n");
                secrets.add(value);
            }
            Map<String, String> planted = new LinkedHashMap<>();
            for (String name : List.of("GITHUB_TOKEN", "ROSTER_TOKEN", "COURSE_SELFTEST_SECRET")) {
                String value = "S" + HexFormat.of().formatHex(java.security.SecureRandom.getSeed(12));
                planted.put(name, value);
                secrets.add(value);
            }
            // A host service on a Unix socket: a submission that reaches it could have it run commands.
            Path socket = tmp.resolve("host.sock");
            var server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
            closeLater.add(server);
            server.bind(java.net.UnixDomainSocketAddress.of(socket));
            java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
            Thread.ofPlatform().daemon().name("selftest-host-socket").start(() -> {
                while (server.isOpen()) {
                    try (var c = server.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });

            // Hostile, graded first: sabotages classmates' folders, poisons the grader's tests, writes
            // outside its scratch folder, and leaves a process behind to forge grades.csv after the grader ends.
            Path saboteur = null;
            if (linux) {
                saboteur = solutions(fixtures.resolve("attack-classmates"), module);
                String testSource = "package " + packageOf(saboteur, module, e2) + "; class " + e2 + "Test {"
                        + " @org.junit.jupiter.api.Test void passes() {} } // " + nonce;
                String testRel = module + "/src/test/java/" + packageOf(saboteur, module, e2).replace('.', '/') + "/" + e2 + "Test.java";
                StringBuilder attack = new StringBuilder(HELPERS.formatted(nonce));
                attack.append("static { try {\n");
                attack.append("  java.nio.file.Path work = java.nio.file.Path.of(\"\").toAbsolutePath().getParent().getParent().getParent();\n");
                attack.append("  spoilJava(java.nio.file.Path.of(").append(lit(fixtures.toString())).append("));\n");
                attack.append("  spoilJava(work.resolve(\"staging\"));\n");
                attack.append("  write(work.resolve(\"course-HEAD\").resolve(").append(lit(testRel)).append(").toString(), ").append(lit(testSource)).append(");\n");
                attack.append("  write(").append(lit(root.resolve(testRel).toString())).append(", ").append(lit(testSource)).append(");\n");
                attack.append("  write(\"src/test/java/\" + ").append(lit(testRel.substring(module.length() + "/src/test/java/".length())))
                      .append(", ").append(lit(testSource)).append(");\n");
                for (Path c : canaries) attack.append("  write(").append(lit(c.toString())).append(", \"written by a submission\");\n");
                attack.append("  write(\"course-attack-").append(nonce).append("\", \"x\"); write(\"target/course-attack-").append(nonce).append("\", \"x\");\n");
                attack.append("  detached(").append(lit("Thread.sleep(2000); for (int i = 0; i < 60; i++) { try { java.nio.file.Files.writeString("
                        + "java.nio.file.Path.of(a[0]), \"forged\"); } catch (Throwable t) { } Thread.sleep(500); }"))
                      .append(", ").append(lit(outDir.resolve("grades.csv").toString())).append(");\n");
                attack.append("} catch (Throwable t) { } }\n");
                inject(source(saboteur, module, e1), e1, attack.toString());
                expected.put("attack-classmates", all(exercises, Expect.FULL));
                submissions.add(saboteur.toString());
            }

            submissions.add(root + "#" + SolutionBranch.BRANCH);
            expected.put(Staging.submissionName(submissions.getLast()), all(exercises, Expect.FULL));
            submissions.add(root + "#HEAD");
            expected.put(Staging.submissionName(submissions.getLast()), all(exercises, Expect.ZERO));

            // Hostile: forges reports (a fake file, a detached rewriter, a shutdown hook and a lingering
            // thread that rewrite them, a malformed one), and hands in a shadowed JUnit class, a class named
            // like a test and a resource, all of which must be ignored. Only the solved first exercise scores.
            if (linux) {
                Path forger = starters(fixtures.resolve("attack-reports"), module);
                copyFromSolutions(forger, module, e1);
                String pkg = packageOf(forger, module, e1);
                String reports = "target/surefire-reports/";
                String fake = fakeReport(module, pkg, List.of(e1, e2, e3));
                inject(source(forger, module, e1), e1, HELPERS.formatted(nonce) + "static { try {\n"
                        + "  write(" + lit(reports + "TEST-" + pkg + ".Extra.xml") + ", " + lit(fake) + ");\n"
                        + "  write(" + lit(reports + "TEST-" + pkg + "." + e2 + "Test.xml") + ", " + lit(fake) + ");\n"
                        + "  write(" + lit(reports + "TEST-" + pkg + "." + e3 + "Test.xml") + ", " + lit(fake) + ");\n"
                        + "} catch (Throwable t) { } }\n");
                inject(source(forger, module, e2), e2, HELPERS.formatted(nonce) + "static { try {\n"
                        + "  write(" + lit(reports + "TEST-" + pkg + "." + e1 + "Test.xml") + ", \"<testsuite><testcase name=\");\n"
                        + "  detached(" + lit("for (int i = 0; i < 300; i++) { try (var s = java.nio.file.Files.list(java.nio.file.Path.of(a[0]))) {"
                                + " for (var f : s.toList()) if (f.getFileName().toString().startsWith(\"TEST-\")) java.nio.file.Files.writeString(f,"
                                + " java.nio.file.Files.readString(f).replaceAll(\"(?s)<failure.*?</failure>|<error.*?</error>\", \"\")); }"
                                + " catch (Throwable t) { } Thread.sleep(100); }")
                        + ", java.nio.file.Path.of(\"" + reports + "\").toAbsolutePath().toString());\n"
                        + "} catch (Throwable t) { } }\n");
                inject(source(forger, module, e3), e3, HELPERS.formatted(nonce) + "static { try {\n"
                        + "  Runnable forge = () -> write(" + lit(reports + "TEST-" + pkg + "." + e3 + "Test.xml") + ", " + lit(fake) + ");\n"
                        + "  Runtime.getRuntime().addShutdownHook(new Thread(forge));\n"
                        + "  Thread t = new Thread(() -> { try { Thread.sleep(1500); } catch (InterruptedException e) { } forge.run(); });\n"
                        + "  t.setDaemon(false); t.start();\n"
                        + "} catch (Throwable t) { } }\n");
                Path main = forger.resolve(module).resolve("src/main/java");
                String dir = pkg.replace('.', '/');
                write(main.resolve("org/junit/platform/engine/TestExecutionResult.java"),
                        "package org.junit.platform.engine;\npublic class TestExecutionResult { }\n");
                write(main.resolve(dir + "/TestExecutionResult.java"), "package org.junit.platform.engine;\npublic class TestExecutionResult { }\n");
                write(main.resolve(dir + "/" + e2 + "Test.java"), "package " + pkg + ";\nclass " + e2 + "Test { }\n");
                write(main.resolve(dir + "/junit-platform.properties"), "junit.jupiter.execution.timeout.default = 1 h\n");
                expected.put("attack-reports", Map.of(e1, Expect.FULL, e2, Expect.ZERO, e3, Expect.ZERO));
                submissions.add(forger.toString());
            }

            // Careless: Ex1 solved; Ex2's test replaced by one that always passes, and the pom vandalised:
            // the grader ignores both, so Ex2 still scores zero.
            Path partial = starters(fixtures.resolve("partial-tampered"), module);
            copyFromSolutions(partial, module, e1);
            Path fakeTest = partial.resolve(module).resolve("src/test/java/" + e2 + "Test.java");
            write(fakeTest, "class " + e2 + "Test { @org.junit.jupiter.api.Test void passes() {} }\n");
            Files.writeString(partial.resolve(module).resolve("pom.xml"), "<project>tampered</project>\n");
            Path e2File = source(partial, module, e2);
            String e2Rel = partial.resolve(module).resolve("src/main/java").relativize(e2File).toString();
            Files.delete(e2File);
            Files.createSymbolicLink(e2File, root.resolve("solutions").resolve(module).resolve("src/main/java").resolve(e2Rel));
            expected.put("partial-tampered", Map.of(e1, Expect.FULL, e2, Expect.ZERO, e3, Expect.ZERO));
            submissions.add(partial.toString());

            // Careless: one file that parses but does not compile: only its exercise scores zero.
            Path broken = solutions(fixtures.resolve("compile-error-and-deep"), module);
            inject(source(broken, module, e2), e2, "static final int NOT_A_NUMBER = \"forty-two\";");
            // and a file whose expression is too deep for the grader's own scanner: refused, its exercise zero
            inject(source(broken, module, e3), e3, "static final int DEEP = 1" + "+1".repeat(100_000) + ";");
            expected.put("compile-error-and-deep", Map.of(e1, Expect.FULL, e2, Expect.ZERO, e3, Expect.ZERO));
            submissions.add(broken.toString());

            // A hang that ignores interrupts and a System.exit: each costs only its own exercise. The hang
            // sleeps rather than spins: a spinning one held a core for every test of Ex01 (their time limits
            // in a row), which only slowed whatever else CI was running.
            Path hostile = solutions(fixtures.resolve("hang-and-exit"), module);
            inject(source(hostile, module, e1), e1, "static { hang(); } private static void hang() { for (;;) {"
                    + " try { Thread.sleep(60_000); } catch (InterruptedException ignored) { } } }");
            inject(source(hostile, module, e3), e3, "static { System.exit(3); }");
            expected.put("hang-and-exit", Map.of(e1, Expect.ZERO, e2, Expect.FULL, e3, Expect.ZERO));
            submissions.add(hostile.toString());

            String probe = "probe-" + nonce;
            if (linux) {
                // Hostile, each exercise a kind: (1) a run-time loader that looks for the reference code anywhere
                // on disk, compiles it (javax.tools) and loads it, and fails unless it found some; (2) root, a
                // remount, a write into its own module folder, a host Unix socket, the course clone and the host's
                // /tmp: fails if any of them works; (3) the starter, whose every failure message carries what it
                // found of the planted secrets (environment, files, /proc), so a leak would reach the report.
                Path escape = solutions(fixtures.resolve("attack-escape"), module);
                String pkg = packageOf(escape, module, e1);
                String refRel = "solutions/" + module + "/src/main/java/" + pkg.replace('.', '/') + "/" + e1 + ".java";
                inject(source(escape, module, e1), e1, LOADER.formatted(nonce, e1, pkg + "." + e1, root.resolve(refRel).toString()));
                inject(source(escape, module, e2), e2, ESCAPES.formatted(nonce, e2, socket.toString(), root.resolve("pom.xml").toString()));
                Path starter3 = source(escape, module, e3);
                Files.writeString(starter3, git("show", "HEAD:" + module + "/src/main/java/" + pkg.replace('.', '/') + "/" + e3 + ".java"));
                String withProbe = Files.readString(starter3).replace("new UnsupportedOperationException(\"", "new UnsupportedOperationException(PROBE + \" ");
                probeIn = !withProbe.equals(Files.readString(starter3));
                Files.writeString(starter3, withProbe);
                inject(starter3, e3, PROBE.formatted(probe, String.join("\", \"", secretFiles.stream().map(Path::toString).toList())));
                expected.put("attack-escape", Map.of(e1, Expect.ZERO, e2, Expect.FULL, e3, Expect.ZERO));
                submissions.add(escape.toString());

                // Bombs, each of which a correct answer survives: a fork bomb (processes that take every thread
                // they can), a heap and address-space bomb, a disk filler. Each fails only if it was not stopped.
                Path bombs = solutions(fixtures.resolve("bombs"), module);
                String pkg1 = packageOf(bombs, module, e1);
                inject(source(bombs, module, e1), e1, FORK_BOMB.formatted(nonce, e1, pkg1 + "." + e1));
                inject(source(bombs, module, e2), e2, MEMORY_BOMB.formatted(e2));
                inject(source(bombs, module, e3), e3, DISK_FILLER.formatted(e3));
                // and up to 100 MB of output, from a thread of its own while the tests run (printed inside a test,
                // its time would count against that test's 10 s; a loaded 2-core machine prints a few MB/s through
                // surefire): a correct answer keeps its marks however much it prints. ReadingTest reads a 100 MB report.
                inject(source(bombs, module, e3), e3, "static { Thread.ofPlatform().daemon().name(\"noise\").start(() -> {"
                        + " String line = \"x\".repeat(1023); for (int i = 0; i < 100 * 1024; i++) System.out.println(line); }); }");
                expected.put("bombs", Map.of(e1, Expect.FULL, e2, Expect.FULL, e3, Expect.FULL));
                submissions.add(bombs.toString());

                // Links into the instructor's solutions/ or a classmate's folder, as a folder and committed to a
                // repository (graded from its clone): src/main, src, the module folder. All refused: starters, zero.
                Map<String, Path> targets = new LinkedHashMap<>();
                targets.put("src/main", root.resolve("solutions").resolve(module).resolve("src/main"));
                targets.put("src", fixtures.resolve("compile-error-and-deep").resolve(module).resolve("src"));
                targets.put("", root.resolve("solutions").resolve(module));
                for (var t : targets.entrySet()) {
                    String form = t.getKey().isEmpty() ? "module" : t.getKey().replace('/', '-');
                    Path link = (t.getKey().isEmpty() ? fixtures.resolve("link-" + form).resolve(module)
                            : fixtures.resolve("link-" + form).resolve(module).resolve(t.getKey()));
                    Files.createDirectories(link.getParent());
                    Files.createSymbolicLink(link, t.getValue());
                    expected.put("link-" + form, all(exercises, Expect.ZERO));
                    submissions.add(fixtures.resolve("link-" + form).toString());
                    Path repo = fixtures.resolve("link-" + form + "-git");
                    Path committed = t.getKey().isEmpty() ? repo.resolve(module) : repo.resolve(module).resolve(t.getKey());
                    Files.createDirectories(committed.getParent());
                    Files.createSymbolicLink(committed, t.getValue());
                    Course.git(repo.getParent(), "init", "-q", repo.toString());
                    Course.git(repo, "add", "-A");
                    Course.git(repo, "-c", "user.name=selftest", "-c", "user.email=selftest@example.org", "commit", "-q", "-m", "links");
                    submissions.add(repo + "#HEAD");
                    expected.put(Staging.submissionName(submissions.getLast()), all(exercises, Expect.ZERO));
                }
            }

            Map<String, String> fixturesBefore = hashes(fixtures);
            Grader grader = new Grader(root).withMavenEnvironment(planted);
            List<String> args = new ArrayList<>(List.of("--out", outDir.toString(), "--modules", module,
                    "--only", String.join(",", exercises.stream().map(e -> e.substring(0, 4)).toList()),
                    "--module-limit", "300", "--sandbox=" + (linux ? "required" : "auto")));
            args.addAll(submissions);
            List<Grader.Grade> grades;
            try {
                grades = grader.gradeCommandLine(args);
            } catch (ToolException e) {
                System.out.println("Grader self-test FAILED: " + e.getMessage());
                System.out.println("  (on Linux the self-test needs bubblewrap: apt-get install bubblewrap)");
                return 1;
            }
            String csvHash = Gradebook.sha256(outDir.resolve("grades.csv"));
            List<String> problems = new ArrayList<>();

            for (Grader.Grade grade : grades) {
                Map<String, Expect> want = expected.get(grade.submission());
                if (want == null) {
                    problems.add("unexpected submission " + grade.submission());
                    continue;
                }
                if (!Files.exists(outDir.resolve(Grader.safeName(grade.submission())).resolve("report.json"))) {
                    problems.add(grade.submission() + " has no report.json");
                }
                Map<String, Grader.Score> byExercise = new LinkedHashMap<>();
                grade.scores().forEach(sc -> byExercise.put(sc.exercise(), sc));
                for (var w : want.entrySet()) {
                    Grader.Score got = byExercise.get(w.getKey());
                    Predicate<Grader.Score> ok = switch (w.getValue()) {
                        case FULL -> sc -> sc != null && sc.tests() > 0 && sc.score() == sc.points();
                        case ZERO -> sc -> sc != null && sc.score() == 0;
                        case ANY -> sc -> sc != null;
                    };
                    if (!ok.test(got)) {
                        problems.add(grade.submission() + " " + w.getKey() + ": expected " + w.getValue() + ", got "
                                + (got == null ? "no grade" : got.score() + "/" + got.points() + " (" + got.note() + ")"));
                    }
                }
                if (grade.notes().stream().anyMatch(n -> n.contains("course tree had changed"))) {
                    problems.add(grade.submission() + ": the grader's course tree had been changed before it was graded");
                }
                switch (grade.submission()) {
                    case "compile-error-and-deep" -> {
                        if (!byExercise.get(e2).note().startsWith("does not compile")) {
                            problems.add("compile-error-and-deep " + e2 + ": the note should say it does not compile, says: " + byExercise.get(e2).note());
                        }
                        if (!byExercise.get(e3).note().contains("too deeply nested")) {
                            problems.add("compile-error-and-deep " + e3 + ": the note should say it is too deeply nested, says: " + byExercise.get(e3).note());
                        }
                    }
                    case "attack-reports" -> {
                        String ignored = String.join("\n", grade.ignored());
                        for (String f : List.of("org/junit/platform/engine/TestExecutionResult.java", "/TestExecutionResult.java (declares package",
                                e2 + "Test.java (declares", "junit-platform.properties (not a Java")) {
                            if (!ignored.contains(f)) problems.add("attack-reports : the report does not list as ignored: " + f);
                        }
                        if (grade.hints().stream().noneMatch(h -> h.what().startsWith("adds a shutdown hook"))
                                || grade.hints().stream().noneMatch(h -> h.what().startsWith("starts a process"))) {
                            problems.add("attack-reports : the review hints miss the shutdown hook or the process: " + grade.hints());
                        }
                    }
                    case "partial-tampered" -> {
                        if (grade.ignored().stream().noneMatch(i -> i.startsWith(module + "/pom.xml"))) {
                            problems.add("partial-tampered : the report does not list the vandalised pom as ignored");
                        }
                        if (grade.ignored().stream().noneMatch(i -> i.contains(e2 + ".java (a symbolic link: refused)"))) {
                            problems.add("partial-tampered : the report does not list " + e2 + ".java, a link, as refused: " + grade.ignored());
                        }
                    }
                    case "attack-escape" -> {
                        if (!byExercise.get(e1).note().contains("escape-" + nonce)) {
                            problems.add("attack-escape " + e1 + ": the loader's own failure is not the note: " + byExercise.get(e1).note());
                        }
                        if (probeIn && !byExercise.get(e3).note().contains(probe)) {
                            problems.add("attack-escape " + e3 + ": the probe's message did not reach the report: " + byExercise.get(e3).note());
                        }
                        for (String h : List.of("loads or defines classes", "compiles code at run time", "reads files")) {
                            if (grade.hints().stream().noneMatch(x -> x.what().startsWith(h))) {
                                problems.add("attack-escape : no review hint \"" + h + "\": " + grade.hints());
                            }
                        }
                    }
                    default -> {
                        if (grade.submission().startsWith("link-") && grade.notes().stream().noneMatch(n -> n.contains("is a symbolic link: refused"))) {
                            problems.add(grade.submission() + " : no note says the link was refused: " + grade.notes());
                        }
                    }
                }
            }
            if (grades.size() != expected.size()) {
                problems.add("expected " + expected.size() + " graded submissions, got " + grades.size());
            }
            String csv = Files.readString(outDir.resolve("grades.csv"));
            if (!csv.lines().findFirst().orElse("").startsWith("student,total,max,")) {
                problems.add("grades.csv has no header row");
            }
            if (!git("status", "--porcelain").equals(statusBefore)) {
                problems.add("grading changed this repository's working tree: " + git("status", "--porcelain"));
            }
            if (!hashes(fixtures).equals(fixturesBefore)) {
                problems.add("the submissions' own folders changed while they were graded");
            }
            for (Path c : canaries) {
                if (Files.exists(c)) problems.add("a submission wrote outside its scratch folder: " + c);
            }
            if (connections.get() > 0) problems.add("a submission connected to the host's Unix socket " + socket);
            try (Stream<Path> reports = Files.walk(outDir)) {
                for (Path f : reports.filter(Files::isRegularFile).toList()) {
                    String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    for (String secret : secrets) {
                        if (text.contains(secret)) problems.add("a planted secret is in a report: " + outDir.relativize(f));
                    }
                }
            }
            // Anything left behind would forge grades.csv now that the grader is done.
            Thread.sleep(10_000);
            if (!Gradebook.sha256(outDir.resolve("grades.csv")).equals(csvHash)) {
                problems.add("grades.csv changed after the grader finished");
            }
            List<Long> lingering = withInCommandLine(nonce);
            if (!lingering.isEmpty()) problems.add("processes of a submission outlived the grading: " + lingering);

            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            System.out.println();
            System.out.println(csv.lines().map(GraderSelfTest::shortRow).reduce((a, b) -> a + "\n" + b).orElse(""));
            System.out.println();
            if (!linux) System.out.println("(no sandbox on this OS: the attack fixtures were left out)");
            // One check per fixture submission, plus one for the run as a whole (files, processes, working tree).
            long badFixtures = expected.keySet().stream().filter(f -> problems.stream().anyMatch(p -> p.startsWith(f + " "))).count();
            boolean runOk = problems.stream().allMatch(p -> expected.keySet().stream().anyMatch(f -> p.startsWith(f + " ")));
            System.out.printf("grader-selftest: %d passed, %d failed%n", expected.size() - badFixtures + (runOk ? 1 : 0),
                    badFixtures + (runOk ? 0 : 1));
            if (problems.isEmpty()) {
                System.out.printf("Grader self-test PASSED: %d fixture submissions graded as expected in %d s%n", expected.size(), seconds);
                return 0;
            }
            System.out.println("Grader self-test FAILED:");
            problems.forEach(p -> System.out.println("  - " + p));
            return 1;
        } finally {
            for (Path c : canaries) Files.deleteIfExists(c);
            for (Path f : secretFiles) Files.deleteIfExists(f);
            for (AutoCloseable c : closeLater) c.close();
            ProcessTree.killAll(null, null);
            for (long pid : withInCommandLine(nonce)) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            Course.deleteTree(tmp);
        }
    }

    /** Code the attack fixtures share: write a file, spoil .java files under a folder, start a process that leaves its parent. */
    private static final String HELPERS = """
            private static void write(String path, String content) {
                try { java.nio.file.Path p = java.nio.file.Path.of(path); java.nio.file.Files.createDirectories(p.toAbsolutePath().getParent());
                      java.nio.file.Files.writeString(p, content); } catch (Throwable t) { }
            }
            private static void spoilJava(java.nio.file.Path dir) {
                try (var s = java.nio.file.Files.walk(dir, 12)) {
                    s.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("attack-")).limit(500)
                     .forEach(p -> write(p.toString(), "this is not Java"));
                } catch (Throwable t) { }
            }
            private static void detached(String body, String... args) {
                // a JVM of its own (the sandbox holds no shell): a source-file program in the scratch folder
                try { java.nio.file.Path f = java.nio.file.Files.createTempFile("detached", ".java");
                      java.nio.file.Files.writeString(f, "class D { public static void main(String[] a) throws Exception { " + body + " } }");
                      java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
                          java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto", f.toString()));
                      cmd.addAll(java.util.List.of(args)); cmd.add("course-attack-%1$s");
                      new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start(); }
                catch (Throwable t) { }
            }
            """;

    /** A run-time loader: finds the reference code of its exercise anywhere it can read, compiles and loads it; fails when it finds none. */
    private static final String LOADER = """
            static {
                boolean found = false;
                try { found = fromOutside(); } catch (Throwable t) { }
                if (!found) throw new AssertionError("escape-%1$s: %2$s found no reference code outside the submission to compile and load");
            }
            private static boolean fromOutside() throws Exception {
                java.nio.file.Path own = java.nio.file.Path.of("").toAbsolutePath();
                java.util.List<java.nio.file.Path> found = new java.util.ArrayList<>();
                java.nio.file.Path known = java.nio.file.Path.of("%4$s");
                if (java.nio.file.Files.isReadable(known)) found.add(known);
                java.nio.file.Files.walkFileTree(java.nio.file.Path.of("/"), java.util.Set.of(), 14, new java.nio.file.SimpleFileVisitor<java.nio.file.Path>() {
                    int seen;
                    @Override public java.nio.file.FileVisitResult preVisitDirectory(java.nio.file.Path d, java.nio.file.attribute.BasicFileAttributes a) {
                        return d.startsWith("/proc") || d.startsWith("/sys") || d.startsWith("/dev") || d.startsWith(own)
                                ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
                    }
                    @Override public java.nio.file.FileVisitResult visitFile(java.nio.file.Path f, java.nio.file.attribute.BasicFileAttributes a) {
                        if (++seen > 200_000) return java.nio.file.FileVisitResult.TERMINATE;
                        if (f.getFileName().toString().equals("%2$s.java")) found.add(f);
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }
                    @Override public java.nio.file.FileVisitResult visitFileFailed(java.nio.file.Path f, java.io.IOException e) {
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }
                });
                javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
                for (java.nio.file.Path p : found) {
                    String code = java.nio.file.Files.readString(p);
                    if (code.contains("not implemented")) continue;
                    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("loader");
                    java.nio.file.Path copy = dir.resolve("%2$s.java");
                    java.nio.file.Files.writeString(copy, code);
                    if (javac == null || javac.run(null, null, null, "-d", dir.toString(), copy.toString()) != 0) continue;
                    try (var loader = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, null)) {
                        loader.loadClass("%3$s");
                        return true;
                    }
                }
                return false;
            }
            """;

    /** Root, capabilities, a remount, a write into its own module folder, a host Unix socket, the host's /tmp, the course clone: fails if any works. */
    private static final String ESCAPES = """
            static { String escaped = escapes(); if (!escaped.isEmpty()) throw new AssertionError("%2$s escaped the sandbox: " + escaped); }
            private static String escapes() {
                StringBuilder b = new StringBuilder();
                try {
                    for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                        String[] f = l.split("\\\\s+");
                        if (java.util.List.of("CapEff:", "CapPrm:", "CapBnd:", "CapAmb:", "CapInh:").contains(f[0]) && !f[1].matches("0+")) b.append(l).append("; ");
                        if (f[0].equals("Uid:") && java.util.Arrays.asList(f).subList(1, f.length).contains("0")) b.append("runs as uid 0; ");
                    }
                } catch (Throwable t) { b.append("no /proc/self/status; "); }
                java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
                try {
                    java.lang.foreign.Linker linker = java.lang.foreign.Linker.nativeLinker();
                    java.lang.invoke.MethodHandle mount = linker.downcallHandle(linker.defaultLookup().find("mount").orElseThrow(),
                            java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_INT, java.lang.foreign.ValueLayout.ADDRESS,
                                    java.lang.foreign.ValueLayout.ADDRESS, java.lang.foreign.ValueLayout.ADDRESS, java.lang.foreign.ValueLayout.JAVA_LONG,
                                    java.lang.foreign.ValueLayout.ADDRESS));
                    try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
                        for (String target : java.util.List.of("/", cwd.toString())) {
                            // MS_REMOUNT | MS_BIND, without MS_RDONLY: read-write
                            int rc = (int) mount.invokeExact(java.lang.foreign.MemorySegment.NULL, arena.allocateFrom(target),
                                    java.lang.foreign.MemorySegment.NULL, 0x1020L, java.lang.foreign.MemorySegment.NULL);
                            if (rc == 0) b.append("remounted ").append(target).append(" read-write; ");
                        }
                    }
                } catch (Throwable t) { }
                try { java.nio.file.Files.writeString(cwd.resolve("course-attack-%1$s"), "x"); b.append("wrote into its module folder; "); } catch (Throwable t) { }
                try (var ch = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of("%3$s"))) { b.append("connected to a host socket; "); }
                catch (Throwable t) { }
                if (java.nio.file.Files.exists(java.nio.file.Path.of("%3$s"))) b.append("sees the host's /tmp; ");
                if (java.nio.file.Files.exists(java.nio.file.Path.of("%4$s"))) b.append("sees the course clone; ");
                return b.toString();
            }
            """;

    /** What the starter's every failure message starts with: the probe, then every planted secret it could find. */
    private static final String PROBE = """
            static final String PROBE = probe();
            private static String probe() {
                StringBuilder b = new StringBuilder("%1$s found:");
                java.util.regex.Pattern secret = java.util.regex.Pattern.compile("S[0-9a-f]{24}");
                try {
                    for (var e : System.getenv().entrySet()) if (secret.matcher(e.getValue()).find()) b.append(' ').append(e.getKey()).append('=').append(e.getValue());
                    for (String f : new String[] {"%2$s"}) {
                        try { b.append(' ').append(java.nio.file.Files.readString(java.nio.file.Path.of(f)).strip()); } catch (Throwable t) { }
                    }
                    for (String f : new String[] {"/proc/1/environ", "/proc/self/environ", "/proc/" + ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L) + "/environ"}) {
                        try { var m = secret.matcher(new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(f)))); while (m.find()) b.append(' ').append(m.group()); }
                        catch (Throwable t) { }
                    }
                } catch (Throwable t) { }
                return b.toString();
            }
            """;

    /** A fork bomb: processes of 3,000 threads each, until one cannot have them; fails if six could. Its children run main. */
    private static final String FORK_BOMB = """
            static { if (!Boolean.getBoolean("course.bomb.child")) { String r = forkBomb(); if (!r.isEmpty()) throw new AssertionError("%2$s: " + r); } }
            public static void main(String[] args) throws Exception {
                int n = 0;
                try { for (; n < 3000; n++) Thread.ofPlatform().daemon().start(() -> { try { Thread.sleep(120_000); } catch (InterruptedException e) { } }); }
                catch (Throwable t) { }
                System.out.println("threads " + n);
                System.out.flush();
                Thread.sleep(120_000);
            }
            private static String forkBomb() {
                java.util.List<Process> children = new java.util.ArrayList<>();
                int refused = 0;
                try {
                    String bin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
                    for (int i = 0; i < 6 && refused == 0; i++) {
                        try {
                            Process p = new ProcessBuilder(bin, "-Dcourse.bomb.child=true", "-Xint", "-XX:+UseSerialGC", "-Xmx16m", "-Xss256k", "-XX:-UsePerfData",
                                    "-cp", System.getProperty("java.class.path"), "%3$s", "course-attack-%1$s").redirectErrorStream(true).start();
                            children.add(p);
                            var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
                            boolean all = false;
                            for (String line; (line = in.readLine()) != null; ) {
                                if (line.startsWith("threads ")) { all = Integer.parseInt(line.substring(8).strip()) >= 3000; break; }
                            }
                            if (!all) refused++;
                        } catch (Throwable t) { refused++; }
                    }
                } finally {
                    for (Process p : children) p.destroyForcibly();
                    for (Process p : children) { try { p.waitFor(); } catch (Throwable t) { } }
                }
                return refused > 0 ? "" : "a fork bomb was not stopped: 6 processes of 3000 threads each";
            }
            """;

    /** A heap bomb and an address-space bomb (malloc, untouched): fails if either was not stopped. */
    private static final String MEMORY_BOMB = """
            static { String r = memoryBomb(); if (!r.isEmpty()) throw new AssertionError("%1$s: " + r); }
            private static String memoryBomb() {
                java.util.List<byte[]> heap = new java.util.ArrayList<>();
                try { while (heap.size() < 16_384) heap.add(new byte[1 << 20]); } catch (OutOfMemoryError e) { }
                int megabytes = heap.size();
                heap = null;
                long reserved = 0;
                try {
                    java.lang.foreign.Linker linker = java.lang.foreign.Linker.nativeLinker();
                    java.lang.invoke.MethodHandle malloc = linker.downcallHandle(linker.defaultLookup().find("malloc").orElseThrow(),
                            java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.ADDRESS, java.lang.foreign.ValueLayout.JAVA_LONG));
                    java.lang.invoke.MethodHandle free = linker.downcallHandle(linker.defaultLookup().find("free").orElseThrow(),
                            java.lang.foreign.FunctionDescriptor.ofVoid(java.lang.foreign.ValueLayout.ADDRESS));
                    java.util.List<java.lang.foreign.MemorySegment> blocks = new java.util.ArrayList<>();
                    while (reserved < (64L << 30)) {
                        java.lang.foreign.MemorySegment m = (java.lang.foreign.MemorySegment) malloc.invokeExact(256L << 20);
                        if (m.address() == 0) break;
                        blocks.add(m);
                        reserved += 256L << 20;
                    }
                    for (java.lang.foreign.MemorySegment m : blocks) free.invokeExact(m);
                } catch (Throwable t) { }
                if (megabytes >= 16_384) return "the heap was not limited (16 GB held)";
                if (reserved >= (64L << 30)) return "the address space was not limited (64 GB reserved)";
                return "";
            }
            """;

    /** A disk filler: writes into its tmp until it cannot; fails if 2 GB went in. */
    private static final String DISK_FILLER = """
            static { String r = diskFiller(); if (!r.isEmpty()) throw new AssertionError("%1$s: " + r); }
            private static String diskFiller() {
                long written = 0;
                byte[] chunk = new byte[4 << 20];
                java.util.List<java.nio.file.Path> files = new java.util.ArrayList<>();
                java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
                try {
                    for (int f = 0; f < 64 && written < (2L << 30); f++) {
                        java.nio.file.Path p = dir.resolve("filler-" + f);
                        files.add(p);
                        try (java.io.OutputStream o = java.nio.file.Files.newOutputStream(p)) {
                            for (int i = 0; i < 32; i++) { o.write(chunk); written += chunk.length; }
                        }
                    }
                } catch (Throwable t) { }
                for (java.nio.file.Path p : files) { try { java.nio.file.Files.deleteIfExists(p); } catch (Throwable t) { } }
                return written >= (2L << 30) ? "the disk was not limited (2 GB written)" : "";
            }
            """;

    /** A surefire report that lists every test of the exercises as passed. */
    private String fakeReport(String module, String pkg, List<String> exercises) throws IOException {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"" + pkg + ".Extra\" failures=\"0\" errors=\"0\">\n");
        for (String e : exercises) {
            Path test = root.resolve(module).resolve("src/test/java").resolve(pkg.replace('.', '/')).resolve(e + "Test.java");
            Matcher m = Pattern.compile("@Test\\b[^;{]*?void\\s+(\\w+)\\s*\\(").matcher(Files.readString(test));
            while (m.find()) {
                b.append("  <testcase name=\"").append(m.group(1)).append("\" classname=\"").append(pkg).append('.').append(e).append("Test\" time=\"0.01\"/>\n");
            }
        }
        return b.append("</testsuite>\n").toString();
    }

    /** Processes whose command line contains {@code text} (Linux; none elsewhere). */
    private static List<Long> withInCommandLine(String text) {
        List<Long> out = new ArrayList<>();
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) return out;
        long self = ProcessHandle.current().pid();
        try (Stream<Path> s = Files.list(proc)) {
            for (Path p : s.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    long pid = Long.parseLong(p.getFileName().toString());
                    if (pid != self && cmd.contains("course-attack-" + text)) out.add(pid);
                } catch (IOException e) {
                    // gone
                }
            }
        } catch (IOException e) {
            // no /proc
        }
        return out;
    }

    /** The CSV row without its long provenance columns, for the console. */
    private static String shortRow(String line) {
        List<String> f = Csv.parse(line).getFirst();
        int keep = f.size() - Gradebook.TAIL.size();
        return String.join(",", f.subList(0, Math.max(keep, 0)));
    }

    private static Map<String, String> hashes(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) out.put(dir.relativize(p).toString(), CourseTree.sha256(Files.readAllBytes(p)));
        }
        return out;
    }

    private static Map<String, Expect> all(List<String> exercises, Expect e) {
        Map<String, Expect> m = new LinkedHashMap<>();
        exercises.forEach(x -> m.put(x, e));
        return m;
    }

    /** A submission folder holding the module's starters, as committed. */
    private Path starters(Path into, String module) throws Exception {
        return tree(into, module, module + "/src/main/java/");
    }

    /** A submission folder holding the module's reference code, as committed. */
    private Path solutions(Path into, String module) throws Exception {
        return tree(into, module, "solutions/" + module + "/src/main/java/");
    }

    private Path tree(Path into, String module, String committedPrefix) throws Exception {
        Path target = into.resolve(module).resolve("src/main/java");
        for (String f : git("ls-tree", "-r", "--name-only", "HEAD", "--", committedPrefix).lines().toList()) {
            Path dst = target.resolve(f.substring(committedPrefix.length()));
            Files.createDirectories(dst.getParent());
            Files.writeString(dst, git("show", "HEAD:" + f));
        }
        return into;
    }

    /** Replaces one exercise's starter in a submission with its committed reference code. */
    private void copyFromSolutions(Path submission, String module, String exercise) throws Exception {
        Path mainDir = submission.resolve(module).resolve("src/main/java");
        Path starter = source(submission, module, exercise);
        String rel = mainDir.relativize(starter).toString().replace('\\', '/');
        Files.writeString(starter, git("show", "HEAD:solutions/" + module + "/src/main/java/" + rel));
    }

    private static Path source(Path submission, String module, String exercise) throws IOException {
        return Exercises.sourceOf(submission.resolve(module).resolve("src/main/java"), exercise)
                .orElseThrow(() -> new IOException("no source for " + exercise + " in " + submission));
    }

    private static String packageOf(Path submission, String module, String exercise) throws IOException {
        Path main = submission.resolve(module).resolve("src/main/java");
        Path rel = main.relativize(source(submission, module, exercise).getParent());
        return rel.toString().replace('/', '.').replace('\\', '.');
    }

    /** Adds {@code member} right after the opening brace of the top-level type {@code name}. */
    private static void inject(Path source, String name, String member) throws IOException {
        String code = Files.readString(source);
        Matcher m = Pattern.compile("(?m)^(public\\s+)?(final\\s+)?(class|record|enum)\\s+" + name + "\\b[^{]*\\{").matcher(code);
        if (!m.find()) throw new IOException("cannot find the declaration of " + name + " in " + source);
        Files.writeString(source, code.substring(0, m.end()) + "\n    " + member + "\n" + code.substring(m.end()));
    }

    private static void write(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    /** A Java string literal. */
    private static String lit(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.chars().forEach(c -> b.append(c == '"' || c == '\\' ? "\\" + (char) c : c < 0x20 ? String.format("\\%03o", c) : String.valueOf((char) c)));
        return b.append('"').toString();
    }

    /** A word for sh, single-quoted. */
    private static String shq(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private String git(String... args) throws Exception {
        return Course.git(root, args);
    }
}
