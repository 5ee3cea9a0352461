package course.tools;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Watch mode, as rustlings has it: runs the current exercise's tests, then again each time a
 * file under a module's src/main/java is saved, and prints the verdict, the first failure's
 * message and, when the exercise turns green, the next one.
 *
 * <p>Design: this tool JVM stays up for the whole session, so javac (in-process, Build) is warm
 * after the first save and recompiles only the module's main sources (the test classes are kept
 * while the exercise's API does not change). The tests run in a fresh JVM per save (TestJvm:
 * a learner's broken code may leak threads, spin or call System.exit, and must not poison the
 * next run), but that JVM is started ahead, right after the previous run, and waits with the
 * JUnit Platform Launcher loaded: a save costs a compile and the tests, not a JVM start, a Maven
 * start or a reactor build. Ctrl-C ends the session: a shutdown hook kills the waiting JVM.
 *
 * <pre>
 *   watch              the first exercise not done yet (in course order)
 *   watch Ex03         that exercise (module inferred as progress does)
 *   watch module-02    the first exercise not done in that module
 *   watch --timeline   also draw each run's thread timeline (Timeline), one more run with a JFR recording
 * </pre>
 * Saving another exercise's file switches to that exercise.
 */
final class Watch {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Path root;
    private Exercises.Exercise current;
    private TestJvm.Started waiting;
    private String waitingFor;
    private boolean timeline;

    Watch(Path root) {
        this.root = root;
    }

    int run(List<String> allArgs) throws Exception {
        timeline = allArgs.contains("--timeline");
        List<String> args = allArgs.stream().filter(a -> !a.equals("--timeline")).toList();
        Progress progress = new Progress(root);
        Exercises.Selection sel = Exercises.select(root, args, System.getProperty("course.modules", ""), progress.whereYouAre().orElse(null));
        List<String> all = Course.modules(root, List.of());
        Map<String, ModuleSetup> setups = ModuleSetup.of(root, all, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            TestJvm.killAll();
            System.out.println();
            System.out.println("Watch stopped. ./mvnw -q -Dcourse=progress shows where you are.");
            System.out.flush();
        }, "course-watch-stop"));

        current = sel.exercise() != null ? sel.exercise() : firstNotDone(sel.modules(), setups);
        if (current == null) {
            System.out.println("Every exercise" + (sel.modules().size() == 1 ? " of " + sel.modules().getFirst() : "") + " is done. Well done!");
            return 0;
        }
        Exercises.recordCurrent(root, current);
        System.out.println("Watching your code (Ctrl-C to stop). Now: " + current.module() + " · " + current.name());
        describe(current, null);
        runCurrent(setups);

        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            Map<WatchKey, Path> dirs = new HashMap<>();
            for (String m : all) register(watcher, root.resolve(m).resolve("src/main/java"), dirs);
            while (true) {
                prestart(setups);
                Set<Path> saved = nextSaves(watcher, dirs);
                if (saved.isEmpty()) continue;
                Optional<Exercises.Exercise> switched = exerciseOf(saved);
                if (switched.isPresent() && !switched.get().equals(current)) {
                    current = switched.get();
                    Exercises.recordCurrent(root, current);
                    System.out.println();
                    System.out.println("Now: " + current.module() + " · " + current.name());
                }
                runCurrent(setups);
            }
        } catch (ClosedWatchServiceException | InterruptedException stopped) {
            return 0;
        }
    }

    /** Runs the current exercise's tests and prints the verdict; moves on when it is done. */
    private void runCurrent(Map<String, ModuleSetup> setups) {
        Exercises.Exercise ran = current;
        runCurrentTests(setups);
        if (!timeline) return;
        try {
            Timeline drawn = new Timeline(root);
            drawn.inWatch = true;
            drawn.record(setups.get(ran.module()), ran, System.out);
        } catch (Exception e) {
            System.out.println("  the timeline failed: " + e);
        }
    }

    private void runCurrentTests(Map<String, ModuleSetup> setups) {
        long start = System.nanoTime();
        try {
            TestJvm.Started jvm = current.module().equals(waitingFor) ? waiting : null;
            waiting = null;
            waitingFor = null;
            LearnerTests.State s = new LearnerTests(root, setups.get(current.module())).run(List.of(current), true, null, jvm);
            String when = "[" + LocalTime.now().format(CLOCK) + "] ";
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.println();
            if (!s.compiles()) {
                System.out.printf("%s%s does not compile%s (%.1f s):%n", when, current.module(),
                        s.testsDoNotCompile() ? " (a test, against your code: keep the exercise's public methods as given)" : "", secs);
                s.compileErrors().stream().limit(3).forEach(p -> System.out.println("  " + p.describe(root)));
                System.out.println("Fix it and save.");
                return;
            }
            List<TestJvm.Result> r = s.results().get(current.name());
            long pass = r.stream().filter(x -> x.status() == TestResults.Status.PASSED).count();
            if (s.done(current.name())) {
                System.out.printf("%sPASS %s: %d/%d tests pass (%.1f s). Done!%n", when, current.name(), pass, r.size(), secs);
                Exercises.Exercise next = nextAfter(current);
                if (next == null) {
                    System.out.println("That was the last exercise of the course. Well done! (Ctrl-C to stop)");
                    return;
                }
                current = next;
                Exercises.recordCurrent(root, current);
                System.out.println();
                System.out.println("Next: " + current.module() + " · " + current.name()
                        + (next.module().equals(s.module()) ? "" : "   (a new module: read " + next.module() + "/README.md first)"));
                describe(current, null);
                System.out.println("Save it to run its tests.");
                return;
            }
            System.out.printf("%sFAIL %s: %d/%d tests pass (%.1f s)%n", when, current.name(), pass, r.size(), secs);
            r.stream().filter(x -> x.status() != TestResults.Status.PASSED).findFirst().ifPresent(x -> {
                System.out.println("  " + x.name() + ":");
                x.message().lines().limit(6).forEach(l -> System.out.println("    " + l));
            });
            if (!s.ended().isEmpty()) System.out.println("  (" + s.ended() + ")");
            Path hint = root.resolve(current.module()).resolve("hints").resolve(current.name() + ".md");
            System.out.println("Save to run again." + (Files.exists(hint) ? " Stuck? ./mvnw -q -Dcourse=\"hint " + current.id() + "\" in another terminal." : ""));
        } catch (ToolException e) {
            System.out.println("  " + e.getMessage());
        } catch (Exception e) {
            System.out.println("  the run failed: " + e);
        }
    }

    /** Starts the next test JVM now, so that it is warm when the next save comes. */
    private void prestart(Map<String, ModuleSetup> setups) {
        if (waiting != null && waiting.alive() && current.module().equals(waitingFor)) return;
        if (waiting != null) waiting.discard();
        try {
            waiting = new LearnerTests(root, setups.get(current.module())).startJvm();
            waitingFor = current.module();
        } catch (IOException e) {
            waiting = null;
            waitingFor = null;
        }
    }

    /** Waits for a save, then for the burst of events an editor makes to settle; the .java files touched. */
    private Set<Path> nextSaves(WatchService watcher, Map<WatchKey, Path> dirs) throws InterruptedException, IOException {
        Set<Path> saved = new LinkedHashSet<>();
        WatchKey key = watcher.take();
        do {
            Path dir = dirs.get(key);
            for (WatchEvent<?> e : key.pollEvents()) {
                if (e.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) continue;
                Path p = dir.resolve((Path) e.context());
                if (Files.isDirectory(p)) register(watcher, p, dirs);
                else if (p.getFileName().toString().endsWith(".java")) saved.add(p);
            }
            if (!key.reset()) dirs.remove(key);
            key = watcher.poll(250, TimeUnit.MILLISECONDS);
        } while (key != null);
        return saved;
    }

    private static void register(WatchService watcher, Path start, Map<WatchKey, Path> dirs) throws IOException {
        if (!Files.isDirectory(start)) return;
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                dirs.put(dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE), dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The exercise whose file was saved, if one was (the last one, when several were). */
    private Optional<Exercises.Exercise> exerciseOf(Set<Path> saved) throws IOException {
        Exercises.Exercise found = null;
        for (Path p : saved) {
            Path rel = root.relativize(p);
            if (rel.getNameCount() < 4) continue;
            String module = rel.getName(0).toString();
            String name = p.getFileName().toString().replaceFirst("\\.java$", "");
            for (Exercises.Exercise e : Exercises.of(root, module)) {
                if (e.name().equals(name)) found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The first exercise not done, in course order: remembered results first, the rest run one by one. */
    private Exercises.Exercise firstNotDone(List<String> modules, Map<String, ModuleSetup> setups) throws Exception {
        for (String m : modules) {
            LearnerTests tests = new LearnerTests(root, setups.get(m));
            for (Exercises.Exercise e : Exercises.of(root, m)) {
                List<TestJvm.Result> known = tests.cached(e);
                if (known != null && !known.isEmpty() && known.stream().allMatch(r -> r.status() == TestResults.Status.PASSED)) continue;
                if (known != null) return e;
                LearnerTests.State s = tests.run(List.of(e), false, null);
                if (!s.compiles() || !s.done(e.name())) return e;
            }
        }
        return null;
    }

    private Exercises.Exercise nextAfter(Exercises.Exercise e) throws IOException {
        boolean seen = false;
        for (String m : Course.modules(root, List.of())) {
            for (Exercises.Exercise x : Exercises.of(root, m)) {
                if (seen) return x;
                if (x.equals(e)) seen = true;
            }
        }
        return null;
    }

    private void describe(Exercises.Exercise e, List<TestJvm.Result> results) throws IOException {
        String text = new Progress(root).describe(e.module(), e.name(), results);
        // Only the file and the TODO: the verdict follows.
        text.lines().skip(1).takeWhile(l -> !l.startsWith("  test:") && !l.startsWith("  hint:") && !l.startsWith("  run:"))
                .forEach(System.out::println);
    }
}
