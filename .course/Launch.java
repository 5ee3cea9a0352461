import java.lang.reflect.InvocationTargetException;
import java.net.*;
import java.nio.channels.*;
import java.nio.file.*;
import java.security.MessageDigest;
import java.util.*;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Starts the course tools ({@code java .course/Launch.java ARGS}, run by the root pom on JDK 25): compiles .course/src/main/java
 * and solutions/course/src/main/java (when the clone has it) into target/course-tools when they changed, then runs Course.
 */
public final class Launch {

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !(Files.exists(root.resolve("mvnw")) && Files.isDirectory(root.resolve(".course")))) root = root.getParent();
        if (root == null) {
            System.err.println("Run the course tools from inside the course repository.");
            System.exit(2);
        }
        List<Path> sources = Stream.of(".course/src/main/java", "solutions/course/src/main/java").map(root::resolve).filter(Files::isDirectory).toList();
        Path out = root.resolve("target/course-tools"), classes = out.resolve("classes"), stampFile = out.resolve("stamp");
        String stamp = stamp(sources);
        if (!fresh(classes, stampFile, stamp)) {
            // One compile at a time (CI starts two tool commands side by side): the second finds the first's classes.
            Files.createDirectories(out);
            try (FileChannel lock = FileChannel.open(out.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock held = lock.lock()) {
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

    private static boolean fresh(Path classes, Path stampFile, String stamp) throws Exception {
        return Files.isDirectory(classes) && Files.exists(stampFile) && Files.readString(stampFile).equals(stamp);
    }

    /** Compiles into a fresh folder, then moves it into place: two tool runs never see half a build. */
    private static void compile(List<Path> sources, Path out, Path classes) throws Exception {
        Path fresh = Files.createTempDirectory(out, "classes-");
        List<String> args = new ArrayList<>(List.of("-d", fresh.toString(), "--release", "25", "-encoding", "UTF-8", "-nowarn"));
        for (Path dir : sources) args.addAll(files(dir).stream().filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList());
        if (ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)) != 0) {
            System.err.println("The course tools do not compile (see above): " + sources);
            System.exit(2);
        }
        Path old = out.resolve("classes-old-" + ProcessHandle.current().pid());
        if (Files.exists(classes)) Files.move(classes, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(fresh, classes, StandardCopyOption.ATOMIC_MOVE);
        if (Files.exists(old)) for (Path p : files(old).reversed()) Files.delete(p);
    }

    /** A hash of the JDK's version and every source file's path and contents. */
    private static String stamp(List<Path> sources) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(Runtime.version().toString().getBytes());
        for (Path dir : sources) {
            sha.update(dir.toString().getBytes());
            for (Path p : files(dir)) {
                sha.update(dir.relativize(p).toString().getBytes());
                if (Files.isRegularFile(p)) sha.update(Files.readAllBytes(p));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Every path under {@code dir}, itself first, sorted (a folder before what it holds). */
    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.sorted().toList();
        }
    }
}
