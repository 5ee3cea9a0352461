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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Watch mode, as rustlings has it: runs the current exercise's tests, then, each time files under
 * a module's src/main/java are saved, the tests of every exercise whose file was saved (a shared
 * file: the current exercise's), and prints each verdict (Progress.verdict) and, when the last one
 * saved turns green, the first exercise not green: its module's first, then in course order.
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
 *   watch --saves 1    stop after one save's verdicts (scripts, CI)
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

    int run(List<String> rawArgs) throws Exception {
        Args a = Args.parse(rawArgs, java.util.Set.of("--saves"), java.util.Set.of("--timeline"));
        int saves = a.number("--saves", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        timeline = a.flag("--timeline");
        List<String> args = a.positionals();
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

        String working = sel.modules().size() == 1 ? sel.modules().getFirst() : progress.whereYouAre().orElse(null);
        current = sel.exercise() != null ? sel.exercise() : firstNotDone(working, setups);
        if (current == null) {
            System.out.println("Every one of the " + Exercises.all(root).size() + " exercises of the course is green. Well done!");
            return 0;
        }
        Exercises.recordCurrent(root, current);
        System.out.println("Watching your code (Ctrl-C to stop). Now: " + current.module() + " · " + current.name());
        describe(current, null);
        runSaved(List.of(current), setups);

        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            Map<WatchKey, Path> dirs = new HashMap<>();
            for (String m : all) register(watcher, root.resolve(m).resolve("src/main/java"), dirs);
            for (int save = 0; save < saves; save++) {
                prestart(setups);
                Set<Path> saved = nextSaves(watcher, dirs);
                if (saved.isEmpty()) {
                    save--;
                    continue;
                }
                List<Exercises.Exercise> changed = exercisesOf(saved);
                // A file that is not an exercise's (a shared class) runs the current exercise again.
                if (changed.isEmpty()) changed.add(current);
                else if (saved.size() > changed.size() && !changed.contains(current)) changed.addFirst(current);
                if (!changed.getLast().equals(current)) {
                    System.out.println();
                    System.out.println("Now: " + changed.getLast().module() + " · " + changed.getLast().name()
                            + (changed.size() > 1 ? " (and the tests of " + (changed.size() - 1) + " more saved with it)" : ""));
                }
                runSaved(changed, setups);
            }
            return 0;
        } catch (ClosedWatchServiceException | InterruptedException stopped) {
            return 0;
        }
    }

    /**
     * Runs the tests of every exercise in {@code changed} (grouped by module, one test JVM each) and
     * prints each verdict. The last one saved becomes the current exercise; when it is green, the
     * first exercise not green (its module first) does.
     */
    private void runSaved(List<Exercises.Exercise> changed, Map<String, ModuleSetup> setups) {
        runSavedTests(changed, setups);
        if (!timeline) return;
        for (Exercises.Exercise ran : changed) {
            try {
                Timeline drawn = new Timeline(root);
                drawn.inWatch = true;
                drawn.record(setups.get(ran.module()), ran, System.out);
            } catch (Exception e) {
                System.out.println("  the timeline failed: " + e);
            }
        }
    }

    private void runSavedTests(List<Exercises.Exercise> changed, Map<String, ModuleSetup> setups) {
        Exercises.Exercise last = changed.getLast();
        current = last;
        Exercises.recordCurrent(root, last);
        Map<String, List<Exercises.Exercise>> byModule = new LinkedHashMap<>();
        for (Exercises.Exercise e : changed) byModule.computeIfAbsent(e.module(), m -> new ArrayList<>()).add(e);
        boolean lastGreen = false;
        try {
            for (var group : byModule.entrySet()) {
                long start = System.nanoTime();
                TestJvm.Started jvm = group.getKey().equals(waitingFor) ? waiting : null;
                if (jvm != null) {
                    waiting = null;
                    waitingFor = null;
                }
                LearnerTests.State s = new LearnerTests(root, setups.get(group.getKey())).run(group.getValue(), true, null, jvm);
                String when = "[" + LocalTime.now().format(CLOCK) + "] ";
                double secs = (System.nanoTime() - start) / 1e9;
                System.out.println();
                if (!s.compiles()) {
                    Javac.Problem p = s.compileErrors().getFirst();
                    System.out.printf("%s%s does not compile%s (%.1f s):%n", when,
                            p.file() == null ? s.module() : root.relativize(p.file()).toString(),
                            s.testsDoNotCompile() ? " (a test, against your code: keep the exercise's public methods as given)" : "", secs);
                    System.out.println(new Progress(root).compileError(s.compileErrors(), "  "));
                    System.out.println("Fix it and save: until " + s.module() + " compiles, none of its tests can run.");
                    continue;
                }
                for (Exercises.Exercise e : group.getValue()) {
                    List<TestJvm.Result> r = s.results().get(e.name());
                    long pass = r.stream().filter(x -> x.status() == TestResults.Status.PASSED).count();
                    if (s.done(e.name())) {
                        System.out.printf("%sPASS %s: %d/%d tests pass (%.1f s). Done!%n", when, e.name(), pass, r.size(), secs);
                        if (e.equals(last)) lastGreen = true;
                        continue;
                    }
                    System.out.printf("%sFAIL %s: %d/%d tests pass (%.1f s)%n", when, e.name(), pass, r.size(), secs);
                    System.out.print(new Progress(root).verdict(e.module(), e.name(), r, "  "));
                    Path hint = root.resolve(e.module()).resolve("hints").resolve(e.name() + ".md");
                    if (Files.exists(hint)) System.out.println("  hint:  ./mvnw -q -Dcourse=\"hint " + Exercises.shortModule(e.module()) + " " + e.id() + "\" (in another terminal)");
                }
                if (!s.ended().isEmpty()) System.out.println("  (" + s.ended() + ")");
            }
            if (!lastGreen) {
                System.out.println("Save to run again.");
                return;
            }
            Exercises.Exercise next = firstNotDone(last.module(), setups);
            if (next == null) {
                System.out.println("Every one of the " + Exercises.all(root).size() + " exercises of the course is green. Well done! (Ctrl-C to stop)");
                return;
            }
            current = next;
            Exercises.recordCurrent(root, current);
            System.out.println();
            System.out.println("Next: " + current.module() + " · " + current.name()
                    + (next.module().equals(last.module()) ? "" : "   (a new module: read " + next.module() + "/README.md first)"));
            describe(current, null);
            System.out.println("Save it to run its tests.");
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

    /** The exercises whose files were saved, each once, in the order saved. */
    List<Exercises.Exercise> exercisesOf(Set<Path> saved) throws IOException {
        List<Exercises.Exercise> found = new ArrayList<>();
        for (Path p : saved) {
            Path rel = root.relativize(p);
            if (rel.getNameCount() < 4) continue;
            String module = rel.getName(0).toString();
            String name = p.getFileName().toString().replaceFirst("\\.java$", "");
            for (Exercises.Exercise e : Exercises.of(root, module)) {
                if (e.name().equals(name) && !found.contains(e)) found.add(e);
            }
        }
        return found;
    }

    /**
     * The first exercise not green, the {@code working} module's first, then in course order (as
     * Progress.firstRed): remembered verdicts where nothing changed, the others run one by one, so
     * a green exercise is never proposed.
     */
    private Exercises.Exercise firstNotDone(String working, Map<String, ModuleSetup> setups) throws Exception {
        List<Exercises.Exercise> order = new ArrayList<>(Exercises.all(root));
        if (working != null) order.sort(java.util.Comparator.comparing(e -> !e.module().equals(working)));
        Map<String, LearnerTests> tests = new HashMap<>();
        for (Exercises.Exercise e : order) {
            LearnerTests t = tests.computeIfAbsent(e.module(), m -> new LearnerTests(root, setups.get(m)));
            List<TestJvm.Result> known = t.cached(e);
            if (known != null && !known.isEmpty() && known.stream().allMatch(r -> r.status() == TestResults.Status.PASSED)) continue;
            if (known != null) return e;
            LearnerTests.State s = t.run(List.of(e), false, null);
            if (!s.compiles() || !s.done(e.name())) return e;
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
