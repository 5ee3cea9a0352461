package course.tools;

import java.io.PrintStream;
import java.nio.file.*;
import java.time.Duration;
import java.util.*;

/**
 * {@code timeline [module] ExNN}: runs one exercise's tests with a JFR recording (TimelineRecording), reads it (TimelineData)
 * and writes a page with a lane per thread (TimelinePage). --reference, --wrong SLUG and --yours: two or more also draw one
 * SVG of them all, for the READMEs. --test NAME: the page shows those tests' time.
 */
record Timeline(Path root, String onlyTest, boolean inWatch) {

    Timeline(Path root) { this(root, "", false); }

    int run(List<String> rawArgs) throws Exception {
        Args parsed = Args.parse(rawArgs, Set.of("--wrong", "--test"), Set.of("--yours", "--reference"));
        List<String> codes = parsed.options().stream().filter(o -> !o.name().equals("--test")).map(o -> switch (o.name()) {
            case "--yours" -> "";
            case "--reference" -> "reference";
            default -> "wrong:" + o.value().replaceFirst("\\.diff$", ""); // --wrong SLUG or SLUG.diff
        }).toList();
        // No exercise named: the one progress or watch last pointed at.
        List<String> args = parsed.positionals().isEmpty() ? Exercises.lastRecorded(root) : parsed.positionals();
        Exercises.Selection sel = Exercises.select(root, args, System.getProperty("course.modules", ""), Exercises.workingModule(root).orElse(null));
        if (sel.exercise() == null) {
            throw new ToolException("name the exercise, e.g. timeline module-01 Ex04 (without one it draws the exercise progress or watch last showed)");
        }
        Exercises.Exercise e = sel.exercise();
        if (codes.stream().anyMatch(c -> !c.isEmpty()) && !Files.isDirectory(root.resolve("solutions"))) {
            throw new ToolException("--reference and --wrong need the reference code, solutions/, which this clone does not have",
                    e.command("timeline") + " (your code), or --reference in a clone of the course with solutions/");
        }
        ModuleSetup setup = ModuleSetup.of(root, sel.modules(), System.out).get(e.module());
        Timeline timeline = new Timeline(root, parsed.value("--test", ""), false);
        List<Drawn> drawn = new ArrayList<>();
        for (String code : codes.isEmpty() ? List.of("") : codes) {
            Drawn d = timeline.record(setup, e, code, System.out);
            if (d == null) return 0;
            drawn.add(code.isEmpty() && !codes.isEmpty() ? new Drawn(d.title() + " (your code as it stands)", d.data()) : d);
        }
        if (drawn.size() > 1) {
            // One above the other, in one SVG file, for a README.
            Path svg = root.resolve("target/course/timeline").resolve(e.named().replace(' ', '-') + "-"
                    + String.join("-vs-", codes.stream().map(c -> c.isEmpty() ? "yours" : c.replace("wrong:", "")).toList()) + ".svg");
            Files.writeString(svg, TimelinePage.standalone(drawn));
            System.out.println("  side by side: " + root.relativize(svg));
        }
        return 0;
    }

    record Drawn(String title, TimelineData data) {}

    /** Records and draws {@code e}'s tests on the learner's code (code ""), "reference" or "wrong:SLUG"; null (said why) when it cannot. */
    Drawn record(ModuleSetup setup, Exercises.Exercise e, String code, PrintStream say) throws Exception {
        long t0 = System.nanoTime();
        String again = e.command("timeline");
        ModuleSetup.Tree tree = code.isEmpty() ? ModuleSetup.Tree.LEARNER : ModuleSetup.Tree.SOLUTIONS;
        Build build = new Build(root, setup);
        Build.Classes main = build.main(tree);
        Build.Classes tests = main.ok() ? build.tests(main, tree) : main;
        List<Path> mainDirs = List.of(main.dir());
        if (tests.ok() && code.startsWith("wrong:")) {
            String slug = code.substring(6);
            Path diff = root.resolve("solutions/wrong").resolve(e.module()).resolve(e.name()).resolve(slug + ".diff");
            if (!Files.exists(diff)) throw new ToolException("no wrong answer " + root.relativize(diff));
            Path work = setup.dir().resolve("target/course/timeline-wrong").resolve(e.name()).resolve(slug);
            Path reference = root.resolve("solutions").resolve(e.module()).resolve("src/main/java")
                    .resolve(Manifest.read(root, e.module()).entry(e.name()).path() + ".java");
            Path file = Patch.apply(reference, diff, work.resolve(e.name() + ".java"));
            Build.Classes variant = build.variant(main, e.name(), file, work);
            if (!variant.ok()) throw new ToolException(root.relativize(file) + " does not compile");
            mainDirs = List.of(variant.dir(), work.getParent().resolve("main-without"));
        }
        if (!tests.ok()) {
            say.println("timeline: " + e.module() + " does not compile, so its tests cannot run: " + tests.errors().getFirst().describe(root));
            say.println("next: fix it, then " + again);
            return null;
        }
        Path dir = Files.createDirectories(root.resolve("target/course/timeline"));
        // One fixed recording path: the JVM arguments stay the same from run to run (the AOT cache is keyed by them).
        Path jfr = dir.resolve("last.jfr");
        Files.deleteIfExists(jfr);
        String which = code.isEmpty() ? "" : code.equals("reference") ? " (the reference code)" : " (the wrong answer " + code.substring(6) + ")";
        say.println("  recording " + e.name() + " of " + e.module() + which + " ...");
        TestJvm.Started jvm = TestJvm.start(root, setup.withJvmArgs(List.of("-Dcourse.timeline=" + jfr)), mainDirs, tests.dir(),
                root.resolve("target/course/logs").resolve(setup.module() + "-timeline.log"));
        TestJvm.Outcome outcome = jvm.run(List.of(e.testClass()), null, Duration.ofSeconds(180)); // the tests' own limits are well under it
        if (!Files.exists(jfr)) {
            say.println("timeline: no recording: " + (outcome.ended().isEmpty() ? "the test JVM wrote none" : outcome.ended())
                    + " (its output: " + root.relativize(outcome.log()) + ")");
            say.println("next: " + e.command("progress") + " shows what the tests say");
            return null;
        }
        String base = e.named().replace(' ', '-') + (code.isEmpty() ? "" : "-" + code.replace("wrong:", ""));
        TimelineData data = TimelineData.read(Files.move(jfr, dir.resolve(base + ".jfr"), StandardCopyOption.REPLACE_EXISTING), onlyTest);
        String title = e.module() + " · " + e.name() + which;
        Path page = dir.resolve(base + ".html");
        Files.writeString(page, TimelinePage.html(title, data));
        say.printf("%s: %d/%d tests passing, recorded in %.1f s%n", title, Progress.passing(outcome.results()), outcome.results().size(), (System.nanoTime() - t0) / 1e9);
        say.println("  " + data.headline());
        say.println("  page: " + root.relativize(page) + "   (open it in a browser: file://" + page.toUri().getPath() + ")");
        if (!inWatch) say.println("next: read the lanes, change your code, and run " + again + " again");
        return new Drawn(title, data);
    }
}
