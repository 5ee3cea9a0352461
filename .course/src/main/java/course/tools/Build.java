package course.tools;

import java.io.IOException;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.reflect.AccessFlag;
import java.nio.file.*;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a module's main and test sources for the fast test engine under
 * {@code <module>/target/course/build/<label>/}, again only when their key changes: the main classes'
 * key is their sources and the compiler set-up, the test classes' the test sources and the main
 * classes' API ({@link #apiKey}), so editing a method body recompiles only the main sources.
 */
record Build(Path root, ModuleSetup setup) {

    /** Compiled classes, or the errors that stopped them. */
    record Classes(Path dir, String key, List<Javac.Problem> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    /** Named as Maven names them: tools under test go by those names (ArchUnit's DoNotIncludeTests leaves out target/test-classes). */
    Path mainDir(String label) {
        return setup.dir().resolve("target/course/build").resolve(label).resolve("target/classes");
    }

    Path testDir(String label) {
        return mainDir(label).resolveSibling("test-classes");
    }

    /** The main classes of {@code tree}, compiled when their key changed. */
    Classes main(ModuleSetup.Tree tree) throws IOException {
        return main(label(tree), setup.mainRoots(root, tree));
    }

    /** The main classes compiled from {@code roots} into the build folder {@code label}, when their key changed. */
    Classes main(String label, List<Path> roots) throws IOException {
        return compile(mainDir(label), compilerSetup("main"), roots, setup.compileClasspath());
    }

    /** The test classes, compiled against {@code main} when the test sources or main's API changed. */
    Classes tests(Classes main, ModuleSetup.Tree tree) throws IOException {
        return tests(main, label(tree));
    }

    Classes tests(Classes main, String label) throws IOException {
        List<Path> cp = new ArrayList<>(List.of(main.dir()));
        cp.addAll(setup.testClasspath());
        return compile(testDir(label), compilerSetup("test").add(apiKey(main.dir())), setup.testSources(), cp);
    }

    private Classes compile(Path dir, Fingerprint key, List<Path> roots, List<Path> classpath) throws IOException {
        List<Path> sources = new ArrayList<>();
        key.add(strings(classpath));
        for (Path r : roots) {
            key.add(r.toString()).tree(r, ".java");
            sources.addAll(Fingerprint.files(r, ".java"));
        }
        return compile(dir, key.hex(), sources, classpath);
    }

    /**
     * A wrong answer, {@code variant} (any file name; it declares the exercise's class), compiled against the solutions'
     * main classes without {@code exercise}'s: the classes to put first; {@code into}'s sibling "main-without" holds the rest.
     */
    Classes variant(Classes solutions, String exercise, Path variant, Path into) throws IOException {
        Path minus = mainWithout(solutions, exercise, into.getParent().resolve("main-without"));
        Path src = into.resolve("src").resolve(exercise + ".java");
        Files.createDirectories(src.getParent());
        Files.copy(variant, src, StandardCopyOption.REPLACE_EXISTING);
        String key = compilerSetup("variant").add(solutions.key()).add(strings(setup.compileClasspath())).file(into, src).hex();
        List<Path> cp = new ArrayList<>(List.of(minus));
        cp.addAll(setup.compileClasspath());
        Classes c = compile(into.resolve("classes"), key, List.of(src), cp);
        // The errors point at the file that was copied.
        return new Classes(c.dir(), c.key(), c.errors().stream()
                .map(p -> src.equals(p.file()) ? new Javac.Problem(variant, p.line(), p.message(), p.detail()) : p).toList());
    }

    /** A copy of the solutions' main classes without {@code exercise}'s own classes (and its nested ones). */
    private static synchronized Path mainWithout(Classes solutions, String exercise, Path dir) throws IOException {
        Path stamp = dir.resolveSibling(dir.getFileName() + ".key");
        if (Files.isDirectory(dir) && Files.exists(stamp) && Files.readString(stamp).equals(solutions.key())) return dir;
        Course.deleteTree(dir);
        Files.createDirectories(dir);
        for (Path f : Fingerprint.files(solutions.dir())) {
            String n = f.getFileName().toString();
            if (n.equals(exercise + ".class") || n.startsWith(exercise + "$")) continue;
            Path to = dir.resolve(solutions.dir().relativize(f).toString());
            Files.createDirectories(to.getParent());
            Files.copy(f, to);
        }
        Files.writeString(stamp, solutions.key());
        return dir;
    }

    /** The build folder of {@code tree}'s classes. */
    static String label(ModuleSetup.Tree tree) {
        return tree.name().toLowerCase();
    }

    private static List<String> strings(List<Path> paths) {
        return paths.stream().map(Path::toString).toList();
    }

    private Fingerprint compilerSetup(String what) {
        return new Fingerprint().add("build 2 " + what).add(Runtime.version().toString()).add(setup.release())
                .add(setup.compilerArgs()).add(strings(setup.processorPath()));
    }

    /**
     * The classes of {@code sources} in {@code dir}: those compiled before under {@code key} (or their errors, kept
     * beside it), else compiled now into a fresh folder moved into place, so a test JVM never sees half a build.
     */
    private Classes compile(Path dir, String key, List<Path> sources, List<Path> classpath) throws IOException {
        Path stamp = dir.resolveSibling(dir.getFileName() + ".key");
        Path errors = dir.resolveSibling(dir.getFileName() + ".errors");
        if (Files.exists(stamp) && Files.readString(stamp).equals(key) && (Files.exists(errors) || Files.isDirectory(dir))) {
            List<Javac.Problem> known = new ArrayList<>();
            for (String l : Files.exists(errors) ? Files.readAllLines(errors) : List.<String>of()) {
                String[] f = l.split("\t", 4);
                known.add(new Javac.Problem(f[0].isEmpty() ? null : Path.of(f[0]), Long.parseLong(f[1]), Tsv.unescape(f[2]),
                        f[3].isEmpty() ? List.of() : Tsv.unescape(f[3]).lines().toList()));
            }
            return new Classes(dir, key, known);
        }
        Files.createDirectories(dir.getParent());
        Files.deleteIfExists(stamp);
        Path fresh = Files.createTempDirectory(dir.getParent(), dir.getFileName() + "-");
        List<Javac.Problem> problems = sources.isEmpty() ? List.of()
                : Javac.compile(sources, fresh, classpath, setup.processorPath(), setup.release(), setup.compilerArgs());
        if (problems.isEmpty()) {
            Files.deleteIfExists(errors);
            Path old = dir.resolveSibling(dir.getFileName() + "-old-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
            if (Files.exists(dir)) Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
            Course.deleteTree(old);
        } else {
            Course.deleteTree(fresh);
            Files.write(errors, problems.stream().map(p -> String.join("\t", p.file() == null ? "" : p.file().toString(),
                    Long.toString(p.line()), Tsv.escape(p.message()), Tsv.escape(String.join("\n", p.detail())))).toList());
        }
        Files.writeString(stamp, key);
        return new Classes(dir, key, problems);
    }

    /**
     * What test code compiled against these classes depends on: every class's name, flags, supertypes, and
     * non-private fields (with constant values, which javac inlines) and methods, without their bodies.
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
