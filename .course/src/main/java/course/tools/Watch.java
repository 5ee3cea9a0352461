package course.tools;

import java.io.IOException;
import java.nio.file.*;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.*;
import java.util.concurrent.TimeUnit;
import java.util.stream.*;

/**
 * {@code watch [module] [ExNN] [--saves N] [--timeline]}, as rustlings has it: on each save, the tests of the exercises saved
 * (a shared file: the current one's) and, once the last one is green, the next exercise not green. This JVM stays up (javac
 * warm); the tests run in a fresh JVM per save, started ahead (a learner's code may leak threads or call System.exit).
 */
record Watch(Path root, Map<String, ModuleSetup> setups, boolean timeline) {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** A test JVM started ahead for a module's next run. */
    private record Warm(String module, TestJvm.Started jvm) {}

    Watch(Path root) { this(root, Map.of(), false); }

    int run(List<String> rawArgs) throws Exception {
        Args a = Args.parse(rawArgs, Set.of("--saves"), Set.of("--timeline"));
        int saves = a.number("--saves", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        String working = Exercises.workingModule(root).orElse(null);
        Exercises.Selection sel = Exercises.select(root, a.positionals(), System.getProperty("course.modules", ""), working);
        List<String> all = Course.modules(root, List.of());
        Watch watch = new Watch(root, ModuleSetup.of(root, all, System.out), a.flag("--timeline"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            TestJvm.killAll();
            System.out.println("\nWatch stopped. ./mvnw -q -Dcourse=progress shows where you are.");
            System.out.flush();
        }, "course-watch-stop"));
        Exercises.Exercise current = sel.exercise() != null ? sel.exercise()
                : watch.firstNotDone(sel.modules().size() == 1 ? sel.modules().getFirst() : working);
        if (current == null) {
            System.out.println("Every one of the " + Exercises.all(root).size() + " exercises of the course is green. Well done!");
            return 0;
        }
        Exercises.recordCurrent(root, current);
        System.out.println("Watching your code (Ctrl-C to stop). Now: " + current);
        watch.describe(current);
        current = watch.runSaved(List.of(current), null);
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            Map<WatchKey, Path> dirs = new HashMap<>();
            for (String m : all) register(watcher, root.resolve(m).resolve("src/main/java"), dirs);
            Warm warm = null;
            for (int save = 0; save < saves; ) {
                warm = watch.prestart(warm, current.module());
                Set<Path> saved = nextSaves(watcher, dirs);
                if (saved.isEmpty()) continue;
                save++;
                List<Exercises.Exercise> changed = exercisesOf(saved);
                // A file that is not an exercise's (a shared class) runs the current exercise again.
                if (changed.isEmpty() || saved.size() > changed.size() && !changed.contains(current)) changed.addFirst(current);
                if (!changed.getLast().equals(current)) {
                    System.out.println("\nNow: " + changed.getLast() + (changed.size() > 1 ? " (and the tests of " + (changed.size() - 1) + " more saved with it)" : ""));
                }
                boolean used = warm != null && changed.stream().map(Exercises.Exercise::module).toList().contains(warm.module());
                current = watch.runSaved(changed, used ? warm : null);
                if (used) warm = null; // else kept for a later save
            }
            return 0;
        } catch (ClosedWatchServiceException | InterruptedException stopped) {
            return 0;
        }
    }

    /** Runs and prints the verdicts of {@code changed} (and with --timeline draws them); returns the new current exercise. */
    private Exercises.Exercise runSaved(List<Exercises.Exercise> changed, Warm warm) {
        Exercises.Exercise last = changed.getLast(), current = last;
        Exercises.recordCurrent(root, last);
        var byModule = changed.stream().collect(Collectors.groupingBy(Exercises.Exercise::module, LinkedHashMap::new, Collectors.toList()));
        boolean lastGreen = false;
        try {
            for (var group : byModule.entrySet()) {
                long start = System.nanoTime();
                TestJvm.Started jvm = warm != null && group.getKey().equals(warm.module()) ? warm.jvm() : null;
                LearnerTests.State s = new LearnerTests(root, setups.get(group.getKey())).run(group.getValue(), true, null, jvm);
                String when = "[" + LocalTime.now().format(CLOCK) + "] ";
                double secs = (System.nanoTime() - start) / 1e9;
                System.out.println();
                if (!s.compiles()) {
                    Javac.Problem p = s.compileErrors().getFirst();
                    System.out.printf("%s%s does not compile%s (%.1f s):%n", when, p.file() == null ? s.module() : root.relativize(p.file()).toString(),
                            s.testsDoNotCompile() ? " (a test, against your code: keep the exercise's public methods as given)" : "", secs);
                    System.out.println(new Progress(root).compileError(s.compileErrors(), "  "));
                    System.out.println("Fix it and save: until " + s.module() + " compiles, none of its tests can run.");
                    continue;
                }
                for (Exercises.Exercise e : group.getValue()) {
                    List<TestJvm.Result> r = s.results().get(e.name());
                    boolean done = s.done(e.name());
                    System.out.printf("%s%s %s: %d/%d tests pass (%.1f s)%s%n", when, done ? "PASS" : "FAIL", e.name(), Progress.passing(r), r.size(), secs, done ? ". Done!" : "");
                    lastGreen |= done && e.equals(last);
                    if (done) continue;
                    System.out.print(new Progress(root).verdict(e.module(), e.name(), r, "  "));
                    if (Files.exists(root.resolve(e.module()).resolve("hints").resolve(e.name() + ".md"))) {
                        System.out.println("  hint:  " + e.command("hint") + " (in another terminal)");
                    }
                }
                if (!s.ended().isEmpty()) System.out.println("  (" + s.ended() + ")");
            }
            if (!lastGreen) {
                System.out.println("Save to run again.");
            } else if ((current = firstNotDone(last.module())) == null) {
                current = last;
                System.out.println("Every one of the " + Exercises.all(root).size() + " exercises of the course is green. Well done! (Ctrl-C to stop)");
            } else {
                Exercises.recordCurrent(root, current);
                System.out.println("\nNext: " + current + (current.module().equals(last.module()) ? "" : "   (a new module: read " + current.module() + "/README.md first)"));
                describe(current);
                System.out.println("Save it to run its tests.");
            }
        } catch (ToolException e) {
            System.out.println("  " + e.getMessage());
        } catch (Exception e) {
            System.out.println("  the run failed: " + e);
        }
        for (Exercises.Exercise ran : timeline ? changed : List.<Exercises.Exercise>of()) {
            try {
                new Timeline(root, "", true).record(setups.get(ran.module()), ran, "", System.out);
            } catch (Exception e) {
                System.out.println("  the timeline failed: " + e);
            }
        }
        return current;
    }

    /** The test JVM for {@code module}'s next run, started now so that it is warm when the save comes. */
    private Warm prestart(Warm warm, String module) {
        if (warm != null && warm.jvm().alive() && warm.module().equals(module)) return warm;
        if (warm != null) warm.jvm().discard();
        try {
            return new Warm(module, new LearnerTests(root, setups.get(module)).startJvm());
        } catch (IOException e) {
            return null;
        }
    }

    /** Waits for a save, then for the burst of events an editor makes to settle; the .java files touched. */
    private static Set<Path> nextSaves(WatchService watcher, Map<WatchKey, Path> dirs) throws InterruptedException, IOException {
        Set<Path> saved = new LinkedHashSet<>();
        for (WatchKey key = watcher.take(); key != null; key = watcher.poll(250, TimeUnit.MILLISECONDS)) {
            Path dir = dirs.get(key);
            for (WatchEvent<?> e : key.pollEvents()) {
                if (e.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) continue;
                Path p = dir.resolve((Path) e.context());
                if (Files.isDirectory(p)) register(watcher, p, dirs);
                else if (p.getFileName().toString().endsWith(".java")) saved.add(p);
            }
            if (!key.reset()) dirs.remove(key);
        }
        return saved;
    }

    private static void register(WatchService watcher, Path start, Map<WatchKey, Path> dirs) throws IOException {
        if (!Files.isDirectory(start)) return;
        try (Stream<Path> s = Files.walk(start)) {
            for (Path dir : s.filter(Files::isDirectory).toList()) {
                dirs.put(dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE), dir);
            }
        }
    }

    /** The exercises whose files were saved, each once, in the order saved. */
    List<Exercises.Exercise> exercisesOf(Set<Path> saved) throws IOException {
        List<Exercises.Exercise> found = new ArrayList<>();
        for (Path p : saved) {
            Path rel = root.relativize(p);
            String name = p.getFileName().toString().replaceFirst("\\.java$", "");
            if (rel.getNameCount() < 4) continue;
            for (Exercises.Exercise e : Exercises.of(root, rel.getName(0).toString())) if (e.name().equals(name) && !found.contains(e)) found.add(e);
        }
        return found;
    }

    /** The first exercise not green, as Progress.firstRed, but the ones not remembered run one by one: never a green one. */
    private Exercises.Exercise firstNotDone(String working) throws Exception {
        List<Exercises.Exercise> order = new ArrayList<>(Exercises.all(root));
        order.sort(Comparator.comparing(e -> !e.module().equals(working)));
        Map<String, LearnerTests> tests = new HashMap<>();
        for (Exercises.Exercise e : order) {
            LearnerTests t = tests.computeIfAbsent(e.module(), m -> new LearnerTests(root, setups.get(m)));
            List<TestJvm.Result> known = t.cached(e);
            if (known != null && !known.isEmpty() && Progress.passing(known) == known.size()) continue;
            if (known != null) return e;
            LearnerTests.State s = t.run(List.of(e), false, null);
            if (!s.compiles() || !s.done(e.name())) return e;
        }
        return null;
    }

    /** The exercise's file and TODO, as Progress describes it (its verdict follows). */
    private void describe(Exercises.Exercise e) throws IOException {
        new Progress(root).describe(e.module(), e.name(), null).lines().skip(1)
                .takeWhile(l -> !l.startsWith("  test:") && !l.startsWith("  hint:") && !l.startsWith("  run:")).forEach(System.out::println);
    }
}
