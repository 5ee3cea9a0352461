package course.tools;

import java.io.IOException;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.reflect.AccessFlag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a module's main and test sources for the fast test engine, under
 * {@code <module>/target/course/build/<tree>/}, and keeps what it compiled until its inputs change:
 * the main classes are keyed by the main sources (the exercises' folder and the shared roots such
 * as src/given/java) and the compiler set-up; the test classes by the test sources and the main
 * classes' API (every non-private member, constants included), so editing a method body, which
 * is what a learner does, recompiles only the main sources. A failed compile keeps its errors
 * under the same key, so asking again costs nothing.
 */
final class Build {

    /** Compiled classes, or the errors that stopped them. */
    record Classes(Path dir, String key, List<Javac.Problem> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    private final Path root;
    private final ModuleSetup setup;

    Build(Path root, ModuleSetup setup) {
        this.root = root;
        this.setup = setup;
    }

    ModuleSetup setup() {
        return setup;
    }

    Path base(String label) {
        return setup.dir().resolve("target/course/build").resolve(label);
    }

    /**
     * Where the main and test classes go: named as Maven names them (target/classes,
     * target/test-classes), because tools under test go by those names (ArchUnit's
     * ImportOption.DoNotIncludeTests leaves out whatever lies under target/test-classes).
     */
    Path mainDir(String label) {
        return base(label).resolve("target/classes");
    }

    Path testDir(String label) {
        return base(label).resolve("target/test-classes");
    }

    /** The key of the main classes compiled from {@code roots}: their sources and how they are compiled. */
    String mainKey(List<Path> roots) throws IOException {
        Fingerprint f = compilerSetup("main").add(setup.compileClasspath().stream().map(Path::toString).toList());
        for (Path r : roots) f.add(r.toString()).tree(r, ".java");
        return f.hex();
    }

    /** The main classes of {@code tree}, compiled when their key changed. */
    Classes main(ModuleSetup.Tree tree) throws IOException {
        return main(tree.name().toLowerCase(), setup.mainRoots(root, tree));
    }

    /** The main classes compiled from {@code roots} into the build folder {@code label}, when their key changed. */
    Classes main(String label, List<Path> roots) throws IOException {
        String key = mainKey(roots);
        Path dir = mainDir(label);
        Classes cached = cached(dir, key);
        if (cached != null) return cached;
        List<Path> sources = new ArrayList<>();
        for (Path r : roots) sources.addAll(Fingerprint.files(r, ".java"));
        return compileInto(dir, key, sources, setup.compileClasspath());
    }

    /** The test classes, compiled against {@code main} when the test sources or main's API changed. */
    Classes tests(Classes main, ModuleSetup.Tree tree) throws IOException {
        return tests(main, tree.name().toLowerCase());
    }

    Classes tests(Classes main, String label) throws IOException {
        Fingerprint f = compilerSetup("test").add(setup.testClasspath().stream().map(Path::toString).toList());
        f.add(apiKey(main.dir()));
        for (Path r : setup.testSources()) f.add(r.toString()).tree(r, ".java");
        String key = f.hex();
        Path dir = testDir(label);
        Classes cached = cached(dir, key);
        if (cached != null) return cached;
        List<Path> sources = new ArrayList<>();
        for (Path r : setup.testSources()) sources.addAll(Fingerprint.files(r, ".java"));
        List<Path> cp = new ArrayList<>();
        cp.add(main.dir());
        cp.addAll(setup.testClasspath());
        return compileInto(dir, key, sources, cp);
    }

    /**
     * A wrong answer compiled in place of {@code exercise}'s class: {@code variant} (any file name;
     * it declares the exercise's class) against the solutions' main classes without that class.
     * Returns the classes to put first on the class path; their dir's sibling "main" holds the rest.
     */
    Classes variant(Classes solutions, String exercise, Path variant, Path into) throws IOException {
        Path minus = mainWithout(solutions, exercise, into.getParent().resolve("main-without"));
        Path src = into.resolve("src").resolve(exercise + ".java");
        Files.createDirectories(src.getParent());
        Files.copy(variant, src, StandardCopyOption.REPLACE_EXISTING);
        String key = compilerSetup("variant").add(solutions.key()).add(setup.compileClasspath().stream().map(Path::toString).toList())
                .file(into, src).hex();
        Path dir = into.resolve("classes");
        Classes cached = cached(dir, key);
        if (cached != null) return withFile(cached, src, variant);
        List<Path> cp = new ArrayList<>();
        cp.add(minus);
        cp.addAll(setup.compileClasspath());
        return withFile(compileInto(dir, key, List.of(src), cp), src, variant);
    }

    /** The errors of a compiled copy, pointed back at the file that was copied. */
    private static Classes withFile(Classes c, Path copy, Path original) {
        return new Classes(c.dir(), c.key(), c.errors().stream()
                .map(p -> copy.equals(p.file()) ? new Javac.Problem(original, p.line(), p.message(), p.detail()) : p).toList());
    }

    /** A copy of the solutions' main classes without {@code exercise}'s own classes (and its nested ones). */
    synchronized Path mainWithout(Classes solutions, String exercise, Path dir) throws IOException {
        Path stamp = dir.resolveSibling(dir.getFileName() + ".key");
        if (Files.isDirectory(dir) && Files.exists(stamp) && Files.readString(stamp).equals(solutions.key())) return dir;
        Course.deleteTree(dir);
        for (Path f : Fingerprint.files(solutions.dir())) {
            String n = f.getFileName().toString();
            if (n.equals(exercise + ".class") || n.startsWith(exercise + "$")) continue;
            Path to = dir.resolve(solutions.dir().relativize(f).toString());
            Files.createDirectories(to.getParent());
            Files.copy(f, to);
        }
        Files.createDirectories(dir);
        Files.writeString(stamp, solutions.key());
        return dir;
    }

    private Fingerprint compilerSetup(String what) {
        return new Fingerprint().add("build 1 " + what).add(Runtime.version().toString()).add(setup.release())
                .add(setup.compilerArgs()).add(setup.processorPath().stream().map(Path::toString).toList());
    }

    private Classes cached(Path dir, String key) throws IOException {
        Path stamp = dir.resolveSibling(dir.getFileName() + ".key");
        Path errors = dir.resolveSibling(dir.getFileName() + ".errors");
        if (!Files.exists(stamp) || !Files.readString(stamp).equals(key)) return null;
        if (Files.exists(errors)) return new Classes(dir, key, readProblems(errors));
        return Files.isDirectory(dir) ? new Classes(dir, key, List.of()) : null;
    }

    /** Compiles into a fresh folder and moves it into place, so a test JVM never sees half a build. */
    private Classes compileInto(Path dir, String key, List<Path> sources, List<Path> classpath) throws IOException {
        Path stamp = dir.resolveSibling(dir.getFileName() + ".key");
        Path errors = dir.resolveSibling(dir.getFileName() + ".errors");
        Files.createDirectories(dir.getParent());
        Files.deleteIfExists(stamp);
        Path fresh = Files.createTempDirectory(dir.getParent(), dir.getFileName() + "-");
        List<Javac.Problem> problems = sources.isEmpty() ? List.of()
                : Javac.compile(sources, fresh, classpath, setup.processorPath(), setup.release(), setup.compilerArgs());
        if (!problems.isEmpty()) {
            Course.deleteTree(fresh);
            writeProblems(errors, problems);
        } else {
            Files.deleteIfExists(errors);
            Path old = dir.resolveSibling(dir.getFileName() + "-old-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
            if (Files.exists(dir)) Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
            Course.deleteTree(old);
        }
        Files.writeString(stamp, key);
        return new Classes(dir, key, problems);
    }

    private static void writeProblems(Path file, List<Javac.Problem> problems) throws IOException {
        List<String> lines = problems.stream().map(p -> String.join("\t", p.file() == null ? "" : p.file().toString(),
                Long.toString(p.line()), p.message().replace('\t', ' '), Tsv.escape(String.join("\n", p.detail())))).toList();
        Files.write(file, lines);
    }

    private static List<Javac.Problem> readProblems(Path file) throws IOException {
        List<Javac.Problem> out = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            String[] f = l.split("\t", 4);
            if (f.length < 3) continue;
            List<String> detail = f.length == 4 && !f[3].isEmpty() ? Tsv.unescape(f[3]).lines().toList() : List.of();
            out.add(new Javac.Problem(f[0].isEmpty() ? null : Path.of(f[0]), Long.parseLong(f[1]), f[2], detail));
        }
        return out;
    }

    /**
     * What test code compiled against these classes depends on: every class's name, flags and
     * supertypes, and its non-private fields (with constant values, which javac inlines) and
     * methods. Method bodies are left out: changing one never requires recompiling the tests.
     */
    static String apiKey(Path classesDir) throws IOException {
        Fingerprint f = new Fingerprint().add("api 1");
        for (Path p : Fingerprint.files(classesDir)) {
            String rel = classesDir.relativize(p).toString().replace('\\', '/');
            if (!rel.endsWith(".class")) {
                f.file(classesDir, p); // resources an annotation processor wrote
                continue;
            }
            if (rel.matches(".*\\$\\d.*")) continue; // anonymous and local classes: no test can name them
            ClassModel cm = ClassFile.of().parse(Files.readAllBytes(p));
            f.add(rel).add(cm.flags().flags().toString())
                    .add(cm.superclass().map(ClassEntry::asInternalName).orElse("-"))
                    .add(cm.interfaces().stream().map(ClassEntry::asInternalName).toList())
                    .add(cm.findAttribute(Attributes.signature()).map(a -> a.signature().stringValue()).orElse(""))
                    .add(cm.findAttribute(Attributes.permittedSubclasses()).map(a -> a.permittedSubclasses().stream().map(ClassEntry::asInternalName).toList().toString()).orElse(""));
            for (var fld : cm.fields()) {
                if (fld.flags().has(AccessFlag.PRIVATE)) continue;
                f.add("field " + fld.flags().flags() + " " + fld.fieldName().stringValue() + " " + fld.fieldType().stringValue()
                        + " " + fld.findAttribute(Attributes.signature()).map(a -> a.signature().stringValue()).orElse("")
                        + " = " + fld.findAttribute(Attributes.constantValue()).map(a -> a.constant().constantValue().toString()).orElse(""));
            }
            for (var m : cm.methods()) {
                if (m.flags().has(AccessFlag.PRIVATE)) continue;
                f.add("method " + m.flags().flags() + " " + m.methodName().stringValue() + m.methodType().stringValue()
                        + " " + m.findAttribute(Attributes.signature()).map(a -> a.signature().stringValue()).orElse("")
                        + " throws " + m.findAttribute(Attributes.exceptions()).map(a -> a.exceptions().stream().map(ClassEntry::asInternalName).toList().toString()).orElse("[]"));
            }
        }
        return f.hex();
    }
}
