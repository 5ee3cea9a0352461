package course.tools;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.*;

/** javac in this JVM (warm after the first call, which matters in watch mode) with the options maven-compiler-plugin passes. */
final class Javac {

    /** One compiler error: where, what javac said on one line, and every line javac prints for it (with the source line and a caret). */
    record Problem(Path file, long line, String message, List<String> detail) {
        Problem(Path file, long line, String message) {
            this(file, line, message, List.of());
        }

        /** The full diagnostic's lines after the first ("symbol: ...", "location: ...", the source line, the caret). */
        List<String> rest() {
            return detail.size() > 1 ? detail.subList(1, detail.size()) : List.of();
        }

        /** "module-01-threads/src/main/java/.../Ex04_X.java:23: ';' expected", relative to {@code root}. */
        String describe(Path root) {
            String where = file == null ? "" : (file.startsWith(root) ? root.relativize(file) : file) + (line > 0 ? ":" + line : "") + ": ";
            return where + message;
        }
    }

    private static final JavaCompiler COMPILER = ToolProvider.getSystemJavaCompiler();

    /** A file manager per thread (they are not thread-safe), kept: its jars stay open and indexed (40 wrong answers' compiles: 5.1 s of CPU, not 8.5). */
    private static final ThreadLocal<StandardJavaFileManager> FILES = ThreadLocal.withInitial(
            () -> COMPILER.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8));

    private Javac() {}

    /** Compiles {@code sources} into {@code out} for {@code release} (empty: this JDK's); returns the errors (none when it compiled). */
    static List<Problem> compile(List<Path> sources, Path out, List<Path> classpath, List<Path> processorPath,
                                 String release, List<String> compilerArgs) throws IOException {
        if (COMPILER == null) throw new ToolException("This java has no compiler (javac): the course tools need a JDK 25, not a JRE.");
        List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-encoding", "UTF-8", "-g", "-Xmaxerrs", "50",
                "-classpath", classPath(classpath)));
        // --release of the JDK that runs javac is that JDK's own API, which javac sees anyway; leaving it
        // out spares each compile opening the JDK's ct.sym (15% of the wrong answers' javac time).
        if (!release.isEmpty() && !release.equals(Integer.toString(Runtime.version().feature()))) options.addAll(List.of("--release", release));
        options.addAll(processorPath.isEmpty() ? List.of("-proc:none") : List.of("-processorpath", classPath(processorPath)));
        // Lint settings only add warnings, which are not shown here; -J flags are for a forked javac's
        // JVM (the fast-javac profile), which javac in this JVM rejects.
        compilerArgs.stream().filter(a -> !a.startsWith("-Xlint") && !a.equals("-Werror") && !a.startsWith("-J")).forEach(options::add);
        options.add("-nowarn");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter chatter = new StringWriter();
        StandardJavaFileManager files = FILES.get();
        boolean ok = COMPILER.getTask(chatter, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
        List<Problem> problems = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) continue;
            Path file = d.getSource() == null ? null : Path.of(d.getSource().toUri());
            String msg = d.getMessage(Locale.ROOT);
            problems.add(new Problem(file, d.getLineNumber(), oneLine(msg), detail(msg, file, d.getLineNumber(), d.getColumnNumber())));
        }
        if (!ok && problems.isEmpty()) problems.add(new Problem(null, -1, "javac failed: " + chatter.toString().strip()));
        return problems;
    }

    /** javac's message on one line: its first line, and the symbol it could not find when it says which. */
    static String oneLine(String message) {
        List<String> lines = message == null ? List.of() : message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) return "";
        return lines.stream().skip(1).filter(l -> l.startsWith("symbol:")).findFirst()
                .map(s -> lines.getFirst() + " (" + s.replaceAll("\\s+", " ") + ")").orElse(lines.getFirst());
    }

    /** javac's full diagnostic as it prints it: the message's lines, then the source line and a caret under the column. */
    private static List<String> detail(String message, Path file, long line, long column) {
        List<String> out = new ArrayList<>(message == null ? List.of() : message.lines().map(String::stripTrailing).filter(l -> !l.isBlank()).toList());
        try {
            List<String> src = file == null || line <= 0 ? List.of() : Files.readAllLines(file, StandardCharsets.UTF_8);
            if (line > 0 && line <= src.size()) {
                String code = src.get((int) line - 1).replace('\t', ' ');
                out.add(code);
                if (column > 0 && column <= code.length() + 1) out.add(" ".repeat((int) column - 1) + "^");
            }
        } catch (IOException | RuntimeException unreadable) {
            // the message alone
        }
        return List.copyOf(out);
    }

    /** Paths joined as a class path. */
    static String classPath(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }
}
