package course.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the grader takes from a submission: only .java files in each module's own exercise
 * package(s), as the starters lay them out, that declare that package and no type whose name the
 * course's tests or support code use (a same-package class named like a test, a support class or a
 * JDK class the tests name would shadow it). Everything else is left out and listed as ignored. A
 * file javac cannot even parse is left out too, and its exercise scores 0 ("does not compile").
 */
final class Intake {

    /** A file larger than this is never a learner's exercise. */
    static final long MAX_FILE_BYTES = 512 * 1024;
    /** At most this many ignored files are listed one by one. */
    static final int MAX_LISTED = 30;
    /** At most this many files and folders are looked at per module's sources, and in the rest of a submission. */
    static final int MAX_ENTRIES = 5_000;
    /** Folders deeper than this (below the module's src/main/java, or the submission) are not looked into. */
    static final int MAX_DEPTH = 16;

    /** One module of the course, as the grader's tree has it. */
    record Module(String name, List<String> exercises, Set<String> packageDirs, Map<String, Set<String>> starterTypes,
                  Set<String> reservedNames) {

        /** The exercise whose starter is at {@code rel} (relative to src/main/java), or null for another file. */
        String exerciseOf(String rel) {
            String file = rel.substring(rel.lastIndexOf('/') + 1).replaceFirst("\\.java$", "");
            return exercises.contains(file) ? file : null;
        }

        /** Reads a module of the grader's course tree. */
        static Module of(Path courseDir, String name) throws IOException {
            Path mod = courseDir.resolve(name);
            List<String> exercises = Progress.exercises(mod);
            Path main = mod.resolve("src/main/java");
            Map<String, Set<String>> starterTypes = new TreeMap<>();
            Set<String> dirs = new TreeSet<>();
            List<Path> starters = javaFiles(main);
            Map<Path, String> names = new HashMap<>();
            starters.forEach(p -> names.put(p, rel(main, p)));
            var parsed = JavaSources.parse(starters, names);
            for (Path p : starters) {
                String rel = rel(main, p);
                int slash = rel.lastIndexOf('/');
                dirs.add(slash < 0 ? "" : rel.substring(0, slash));
                starterTypes.put(rel, new TreeSet<>(parsed.get(p).topLevelTypes()));
            }
            // Every word in the module's other sources (tests, support, given code): a type of that name in
            // an exercise package could stand in for what the tests mean.
            Set<String> reserved = new HashSet<>();
            Path src = mod.resolve("src");
            if (Files.isDirectory(src)) {
                try (Stream<Path> s = Files.walk(src)) {
                    for (Path p : s.filter(x -> x.toString().endsWith(".java") && !x.startsWith(main)).toList()) {
                        reserved.addAll(JavaSources.words(Files.readString(p)));
                    }
                }
            }
            starterTypes.values().forEach(reserved::addAll); // only a starter's own file may declare its types
            return new Module(name, exercises, dirs, starterTypes, reserved);
        }
    }

    /** A file taken: its path in the submission (module/src/main/java/...) and its bytes. */
    record Taken(String module, String rel, byte[] content) {
        String path() {
            return module + "/src/main/java/" + rel;
        }
    }

    /** A file left out because javac cannot parse it: its exercise (or null), and file:line message. */
    record Unparsable(String module, String rel, String exercise, String error) {}

    /** The result of taking a submission in. */
    record Result(List<Taken> taken, List<String> ignored, List<Unparsable> unparsable, List<JavaSources.Hint> hints, List<String> notes) {

        /** SHA-256 over "sha256(content)  path" lines, one per taken file in path order (as sha256sum prints them). */
        String sha256() {
            StringBuilder b = new StringBuilder();
            taken.stream().sorted(java.util.Comparator.comparing(Taken::path))
                 .forEach(t -> b.append(CourseTree.sha256(t.content())).append("  ").append(t.path()).append('\n'));
            return CourseTree.sha256(b.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Takes {@code submission} in for {@code modules}; {@code course} is the grader's tree (to tell the
     * course's own files from the learner's other changes, which are listed as ignored).
     */
    static Result take(Path submission, List<Module> modules, Path course) throws IOException {
        List<Taken> taken = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<Unparsable> unparsable = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<JavaSources.Hint> hints = new ArrayList<>();
        for (Module m : modules) {
            String link = linkOnTheWay(submission, m.name() + "/src/main/java");
            if (link != null) {
                // a link into the instructor's solutions/ or a classmate's folder would hand in their work
                notes.add(link + " is a symbolic link: refused, nothing under it is taken (the starters are graded)");
                ignored.add(link + " (a symbolic link: refused)");
                continue;
            }
            Path main = submission.resolve(m.name()).resolve("src/main/java");
            if (!Files.isDirectory(main, LinkOption.NOFOLLOW_LINKS)) {
                notes.add("the submission has no " + m.name() + "/src/main/java: the starters are graded");
                continue;
            }
            Path realMain = main.toRealPath();
            if (!realMain.startsWith(submission.toRealPath())) {
                notes.add(m.name() + "/src/main/java leaves the submission's folder: refused (the starters are graded)");
                continue;
            }
            List<Path> candidates = new ArrayList<>();
            Map<Path, String> names = new HashMap<>();
            List<Path> entries;
            try (Stream<Path> s = Files.walk(main, MAX_DEPTH)) {
                entries = s.filter(p -> !p.equals(main)).limit(MAX_ENTRIES + 1).sorted().toList();
            }
            if (entries.size() > MAX_ENTRIES) {
                notes.add(m.name() + "/src/main/java holds more than " + MAX_ENTRIES + " files and folders: only the first " + MAX_ENTRIES + " were looked at");
                entries = entries.subList(0, MAX_ENTRIES);
            }
            {
                for (Path p : entries) {
                    String rel = rel(main, p);
                    String shown = m.name() + "/src/main/java/" + shownName(rel);
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) continue;
                    String why = null;
                    int slash = rel.lastIndexOf('/');
                    String dir = slash < 0 ? "" : rel.substring(0, slash);
                    String file = rel.substring(slash + 1);
                    if (Files.isSymbolicLink(p)) why = "a symbolic link: refused";
                    else if (!shownName(rel).equals(rel)) why = "an odd name (control characters or a backslash): never read";
                    else if (!p.toRealPath().startsWith(realMain)) why = "its real path leaves the submission: refused";
                    else if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) why = "not a regular file";
                    else if (!file.endsWith(".java")) why = "not a Java source file";
                    else if (!m.packageDirs().contains(dir)) why = "not in an exercise package (" + String.join(", ", m.packageDirs()) + ")";
                    else if (!JavaSources.isIdentifier(file.substring(0, file.length() - 5))) why = "not a class's file name";
                    else if (Files.size(p) > MAX_FILE_BYTES) why = "larger than " + MAX_FILE_BYTES / 1024 + " KB";
                    if (why != null) {
                        ignored.add(shown + " (" + why + ")");
                    } else {
                        candidates.add(p);
                        names.put(p, shown);
                    }
                }
            }
            var parsed = JavaSources.parse(candidates, names);
            for (Path p : candidates) {
                String rel = rel(main, p);
                String shown = names.get(p);
                JavaSources.Parsed info = parsed.get(p);
                int slash = rel.lastIndexOf('/');
                String pkg = slash < 0 ? "" : rel.substring(0, slash).replace('/', '.');
                if (info == null) {
                    ignored.add(shown + " (javac could not read it)");
                    continue;
                }
                if (!info.syntaxErrors().isEmpty()) {
                    unparsable.add(new Unparsable(m.name(), rel, m.exerciseOf(rel), rel + ":" + info.syntaxErrors().getFirst()));
                    hints.addAll(info.hints());
                    continue;
                }
                if (!info.packageName().equals(pkg)) {
                    ignored.add(shown + " (declares package " + (info.packageName().isEmpty() ? "none" : info.packageName()) + ", not " + pkg + ")");
                    continue;
                }
                Set<String> own = m.starterTypes().getOrDefault(rel, Set.of());
                List<String> clashes = info.topLevelTypes().stream().filter(t -> !own.contains(t) && m.reservedNames().contains(t)).toList();
                if (!clashes.isEmpty()) {
                    ignored.add(shown + " (declares " + String.join(", ", clashes) + ", a name the course's tests or support code use)");
                    continue;
                }
                taken.add(new Taken(m.name(), rel, Files.readAllBytes(p)));
                hints.addAll(info.hints());
            }
        }
        ignored.addAll(otherChanges(submission, modules, course));
        if (ignored.size() > MAX_LISTED) {
            int more = ignored.size() - MAX_LISTED;
            List<String> shown = new ArrayList<>(ignored.subList(0, MAX_LISTED));
            shown.add("... and " + more + " more");
            ignored = shown;
        }
        return new Result(taken, ignored, unparsable, hints, notes);
    }

    /**
     * The submission's other files that differ from the course's (edited tests, poms, resources, new
     * files): never used, listed so the instructor sees them. Build output, hidden folders and
     * solutions/ are skipped.
     */
    private static List<String> otherChanges(Path submission, List<Module> modules, Path course) throws IOException {
        List<String> out = new ArrayList<>();
        Set<String> graded = new HashSet<>();
        modules.forEach(m -> graded.add(m.name() + "/src/main/java"));
        List<Path> entries;
        try (Stream<Path> s = Files.walk(submission, MAX_DEPTH)) {
            entries = s.limit(MAX_ENTRIES * 4L).sorted().toList();
        }
        {
            for (Path p : entries) {
                String rel = rel(submission, p);
                if (rel.isEmpty() || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) continue;
                boolean skip = false;
                for (String part : rel.split("/")) {
                    if (part.startsWith(".") || part.equals("target")) skip = true;
                }
                if (skip || rel.startsWith("solutions/") || graded.stream().anyMatch(g -> rel.startsWith(g + "/"))) continue;
                Path ours = course.resolve(rel);
                if (Files.isSymbolicLink(p)) {
                    out.add(shownName(rel) + " (a symbolic link: never followed)");
                    continue;
                }
                boolean same = Files.isRegularFile(ours, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && Files.size(ours) == Files.size(p) && Files.size(p) <= MAX_FILE_BYTES
                        && java.util.Arrays.equals(Files.readAllBytes(ours), Files.readAllBytes(p));
                if (!same) out.add(shownName(rel) + (Files.exists(ours, LinkOption.NOFOLLOW_LINKS) ? " (differs from the course's own, which is used)" : " (not part of the course)"));
            }
        }
        return out;
    }

    /**
     * The first of {@code rel}'s components below {@code submission} (module, module/src, ...) that is a
     * symbolic link, as a path relative to the submission, or null when there is none.
     */
    static String linkOnTheWay(Path submission, String rel) {
        Path p = submission;
        String shown = "";
        for (String part : rel.split("/")) {
            p = p.resolve(part);
            shown = shown.isEmpty() ? part : shown + "/" + part;
            if (Files.isSymbolicLink(p)) return shown;
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) return null;
        }
        return null;
    }

    /** A file name as a report shows it: control and format characters and backslashes escaped, so it can be told from a plain one. */
    static String shownName(String rel) {
        StringBuilder b = new StringBuilder();
        rel.codePoints().forEach(c -> {
            if (c == '\\' || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) b.append(String.format("\\u%04x", c));
            else b.appendCodePoint(c);
        });
        return b.toString();
    }

    static List<Path> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
    }

    static String rel(Path base, Path p) {
        return base.relativize(p).toString().replace('\\', '/');
    }

    /** The taken files, by module. */
    static Map<String, List<Taken>> byModule(List<Taken> taken) {
        Map<String, List<Taken>> out = new LinkedHashMap<>();
        taken.forEach(t -> out.computeIfAbsent(t.module(), k -> new ArrayList<>()).add(t));
        return out;
    }

    private Intake() {}
}
