package course.tools;

import com.sun.source.tree.*;
import com.sun.source.util.*;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.*;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.tools.*;

/**
 * Reads Java sources with javac's own parser (so unicode escapes, comments and text blocks are what
 * javac sees), without compiling or running anything: each file's package, its top-level types, its
 * syntax errors, and the review hints (uses of APIs these exercises have no use for but cheats need).
 */
final class JavaSources {

    /** What one file declares and uses. */
    record Parsed(String packageName, List<String> topLevelTypes, List<String> syntaxErrors, List<Hint> hints) {}

    /** A review hint: in file {@code file} at {@code line}, a use of {@code what}. */
    record Hint(String file, long line, String what) {
        @Override public String toString() { return file + ":" + line + " " + what; }
    }

    /** A kind of use an instructor should look at: its label, and what it matches in names or in string constants. */
    private record Rule(String what, Predicate<String> name, Predicate<String> string) {}

    private static Predicate<String> re(String regex) { return Pattern.compile(regex).asPredicate(); }

    private static final Predicate<String> NONE = s -> false;

    private static final List<Rule> RULES = List.of(
            new Rule("starts a process (ProcessBuilder, Runtime.exec, ProcessHandle)",
                    re("(^|\\.)(ProcessBuilder|ProcessHandle)$|\\.exec$"), NONE),
            new Rule("reads /proc", NONE, re("/proc")),
            new Rule("mentions surefire or its reports", re("(?i)surefire"), re("(?i)surefire|TEST-.*\\.xml|TEST-")),
            new Rule("adds a shutdown hook", re("(^|\\.)addShutdownHook$"), NONE),
            new Rule("ends the JVM (System.exit, Runtime.halt)", re("(^|\\.)(System\\.exit|halt)$|getRuntime\\(\\)\\.exit$"), NONE),
            new Rule("reaches into the test libraries (org.junit, org.opentest4j, org.assertj, org.apache.maven)",
                    re("^(org\\.junit|org\\.opentest4j|org\\.assertj|org\\.apache\\.maven)"),
                    re("org[./]junit|org[./]opentest4j|org[./]assertj|org[./]apache[./]maven")),
            new Rule("uses reflection (setAccessible, getDeclared*, getMethod, forName, MethodHandles)",
                    re("(^|\\.)(setAccessible|trySetAccessible|privateLookupIn|forName|getDeclaredFields?|getDeclaredMethods?|getDeclaredConstructors?"
                       + "|getMethods?|getFields?|getConstructors?|invokeExact|MethodHandles|findStatic|findVirtual|java\\.lang\\.reflect)$"
                       + "|^java\\.lang\\.(reflect|invoke)"), NONE),
            new Rule("loads or defines classes (class loaders, defineClass, loadClass)",
                    re("(^|\\.)(ClassLoader|URLClassLoader|SecureClassLoader|loadClass|defineClass|defineHiddenClass|getSystemClassLoader"
                       + "|getContextClassLoader|ServiceLoader)$"), NONE),
            new Rule("compiles code at run time (javax.tools, the compiler API)",
                    re("^javax\\.tools|(^|\\.)(ToolProvider|JavaCompiler|getSystemJavaCompiler|ToolFinder)$|^com\\.sun\\.source|^jdk\\.jshell"),
                    re("javax\\.tools|jdk\\.compiler")),
            new Rule("reads files or lists folders (Files, File, FileInputStream, Path.of)",
                    re("(^|\\.)(FileInputStream|FileReader|File|Files|Path|Paths|DirectoryStream|FileSystems?)$|Files\\.(read\\w*|lines|list|walk|find|newInputStream|newBufferedReader|exists)$"), NONE),
            new Rule("uses sun.misc.Unsafe or JDK internals", re("(^|\\.)Unsafe$|^sun\\.misc|^jdk\\.internal"), re("sun\\.misc|jdk\\.internal|theUnsafe")),
            new Rule("uses the Attach API", re("^com\\.sun\\.tools\\.attach|(^|\\.)VirtualMachine$"), re("com\\.sun\\.tools\\.attach|jdk\\.attach")),
            new Rule("loads native code or instruments classes", re("^java\\.lang\\.(foreign|instrument)|(^|\\.)(loadLibrary|Linker|Instrumentation)$|System\\.load$"), NONE),
            new Rule("writes or deletes files", re("(^|\\.)(FileOutputStream|FileWriter|RandomAccessFile|FileChannel)$|Files\\.(write|writeString|newOutputStream|newBufferedWriter|copy|move|delete|deleteIfExists|createFile|createDirector(y|ies)|createTemp\\w*)$"), NONE),
            new Rule("uses the raw standard streams (FileDescriptor)", re("(^|\\.)FileDescriptor$"), NONE));

    /** What a file too deeply nested for javac's parser or the hints' scanner gets as its syntax error. */
    static final String TOO_DEEP = "1 too deeply nested for the grader to read (its parser or scanner ran out of stack)";

    /**
     * Parses {@code files} (each named by {@code names}, e.g. its path in the submission). A file that
     * overflows the parser's stack gets {@link #TOO_DEEP} as its syntax error; the others are parsed alone.
     */
    static Map<Path, Parsed> parse(List<Path> files, Map<Path, String> names) throws IOException {
        try {
            return parseAll(files, names);
        } catch (StackOverflowError e) {
            Map<Path, Parsed> out = new LinkedHashMap<>();
            for (Path f : files) {
                try {
                    out.putAll(parseAll(List.of(f), names));
                } catch (StackOverflowError tooDeep) {
                    out.put(f, new Parsed("", List.of(), List.of(TOO_DEEP), List.of()));
                }
            }
            return out;
        }
    }

    private static Map<Path, Parsed> parseAll(List<Path> files, Map<Path, String> names) throws IOException {
        Map<Path, Parsed> out = new LinkedHashMap<>();
        if (files.isEmpty()) return out;
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            Map<String, Path> byUri = new HashMap<>();
            List<JavaFileObject> objects = new ArrayList<>();
            for (Path f : files) {
                JavaFileObject o = fm.getJavaFileObjects(f).iterator().next();
                objects.add(o);
                byUri.put(o.toUri().toString(), f);
            }
            JavacTask task = (JavacTask) javac.getTask(null, fm, diagnostics, List.of("--release", "25", "-proc:none", "-Xlint:none"), null, objects);
            Iterable<? extends CompilationUnitTree> units = task.parse();
            Map<Path, List<String>> errors = new HashMap<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR || d.getSource() == null) continue;
                Path f = byUri.get(d.getSource().toUri().toString());
                if (f != null) errors.computeIfAbsent(f, k -> new ArrayList<>()).add(d.getLineNumber() + " " + d.getMessage(Locale.ROOT).lines().findFirst().orElse(""));
            }
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            for (CompilationUnitTree unit : units) {
                Path f = byUri.get(unit.getSourceFile().toUri().toString());
                if (f == null) continue;
                String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
                List<String> types = unit.getTypeDecls().stream().filter(t -> t instanceof ClassTree).map(t -> ((ClassTree) t).getSimpleName().toString()).toList();
                List<Hint> hints = hints(unit, positions, names.getOrDefault(f, f.toString()));
                out.put(f, hints == null ? new Parsed(pkg, types, List.of(TOO_DEEP), List.of())
                        : new Parsed(pkg, types, errors.getOrDefault(f, List.of()), hints));
            }
        }
        return out;
    }

    private static List<Hint> hints(CompilationUnitTree unit, SourcePositions positions, String name) {
        Map<String, Hint> found = new LinkedHashMap<>();
        TreeScanner<Void, Void> scanner = new TreeScanner<Void, Void>() {
            private void check(Tree t, String text, boolean isString) {
                for (Rule r : RULES) {
                    if (!found.containsKey(r.what()) && (isString ? r.string() : r.name()).test(text)) {
                        found.put(r.what(), new Hint(name, unit.getLineMap().getLineNumber(positions.getStartPosition(unit, t)), r.what()));
                    }
                }
            }

            @Override public Void visitIdentifier(IdentifierTree t, Void v) { check(t, t.getName().toString(), false); return super.visitIdentifier(t, v); }
            @Override public Void visitMemberSelect(MemberSelectTree t, Void v) { check(t, t.toString(), false); return super.visitMemberSelect(t, v); }
            @Override public Void visitImport(ImportTree t, Void v) { check(t, t.getQualifiedIdentifier().toString(), false); return super.visitImport(t, v); }
            @Override public Void visitLiteral(LiteralTree t, Void v) {
                if (t.getValue() instanceof String s) check(t, s, true);
                return super.visitLiteral(t, v);
            }
        };
        try {
            scanner.scan(unit, null);
        } catch (StackOverflowError e) {
            return null; // the caller refuses the file: what cannot be scanned is not taken
        }
        return List.copyOf(found.values());
    }

    /** Every identifier-like word in {@code text} (for the names the course's tests and support code use). */
    static Set<String> words(String text) {
        Set<String> out = new LinkedHashSet<>();
        var m = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*").matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }

    static boolean isIdentifier(String s) {
        return !s.isEmpty() && Character.isJavaIdentifierStart(s.charAt(0)) && s.chars().skip(1).allMatch(Character::isJavaIdentifierPart)
                && javax.lang.model.SourceVersion.isName(s);
    }

    private JavaSources() {}
}
