import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Starts the course tools: compiles .course/src/main/java (the learner's commands) and, when the clone
 * has it, solutions/course/src/main/java (the instructor's) into target/course-tools when those sources
 * changed (a hash of their names and contents), then runs course.tools.Course.
 * Compiling once and reusing the classes keeps a warm tool command under a second; the root pom
 * runs this file with the JDK 25 the toolchain found: {@code java .course/Launch.java ARGS}.
 */
public final class Launch {

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !(Files.exists(root.resolve("mvnw")) && Files.isDirectory(root.resolve(".course")))) {
            root = root.getParent();
        }
        if (root == null) {
            System.err.println("Run the course tools from inside the course repository.");
            System.exit(2);
        }
        List<Path> sources = new ArrayList<>(List.of(root.resolve(".course/src/main/java")));
        if (Files.isDirectory(root.resolve("solutions/course/src/main/java"))) sources.add(root.resolve("solutions/course/src/main/java"));
        Path out = root.resolve("target/course-tools");
        Path classes = out.resolve("classes");
        String stamp = stamp(sources);
        Path stampFile = out.resolve("stamp");
        if (!fresh(classes, stampFile, stamp)) {
            // One compile at a time (CI starts two tool commands side by side): the second waits for
            // the first, then finds the classes fresh instead of replacing them under its feet.
            Files.createDirectories(out);
            try (FileChannel lock = FileChannel.open(out.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = lock.lock()) {
                if (!fresh(classes, stampFile, stamp)) {
                    compile(sources, out, classes);
                    Files.writeString(stampFile, stamp);
                }
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, Launch.class.getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            loader.loadClass("course.tools.Course").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    private static boolean fresh(Path classes, Path stampFile, String stamp) throws IOException {
        return Files.isDirectory(classes) && Files.exists(stampFile) && Files.readString(stampFile).equals(stamp);
    }

    /** Compiles into a fresh folder, then moves it into place, so two tool runs never see half a build. */
    private static void compile(List<Path> sources, Path out, Path classes) throws IOException {
        List<String> files = new ArrayList<>();
        for (Path root : sources) {
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().forEach(files::add);
            }
        }
        Files.createDirectories(out);
        Path fresh = Files.createTempDirectory(out, "classes-");
        List<String> args = new ArrayList<>(List.of("-d", fresh.toString(), "--release", "25", "-encoding", "UTF-8", "-nowarn"));
        args.addAll(files);
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        if (status != 0) {
            System.err.println("The course tools do not compile (see above): " + sources);
            System.exit(2);
        }
        Path old = out.resolve("classes-old-" + ProcessHandle.current().pid());
        if (Files.exists(classes)) Files.move(classes, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(fresh, classes, StandardCopyOption.ATOMIC_MOVE);
        delete(old);
    }

    private static String stamp(List<Path> sources) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(Runtime.version().toString().getBytes(StandardCharsets.UTF_8));
        for (Path root : sources) {
            sha.update(root.toString().getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    sha.update(root.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
                    sha.update(Files.readAllBytes(p));
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.deleteIfExists(p);
        }
    }
}
