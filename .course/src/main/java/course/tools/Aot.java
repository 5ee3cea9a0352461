package course.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The JDK's AOT cache (JEP 483/514) for the test JVMs: the libraries' classes loaded and linked once and mapped by every
 * later JVM (a third of the start-up CPU); the test and main classes, loaded from folders, are never in it. One cache per
 * module and set of JVM arguments, keyed by the JDK, those arguments and the jars; the first JVM of a key records it,
 * those started meanwhile run without. {@code COURSE_AOT=off} in the environment turns it off.
 */
final class Aot {

    /** What one JVM does with the cache: its flags, and (when it records) where the recording goes once it ended. */
    record Use(List<String> flags, Path recording, Path target, Path lock) {
        /** A recording is kept only from a JVM that ended normally (a killed one may have left half a file). */
        void finish(int exitCode) {
            if (recording == null) return;
            try {
                if (exitCode == 0 && Files.exists(recording) && Files.size(recording) > 0) {
                    Files.move(recording, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException ignored) {
                // the next JVM records again
            } finally {
                recording.toFile().delete();
                lock.toFile().delete();
            }
        }
    }

    private static final Duration STALE = Duration.ofMinutes(15);
    private static final Use NONE = new Use(List.of(), null, null, null);

    private Aot() {}

    /** The flags for a test JVM of {@code setup} whose class path is {@code jars}. */
    static synchronized Use use(ModuleSetup setup, List<Path> jars) throws IOException {
        String vm = System.getProperty("java.vm.name", "");
        if ("off".equalsIgnoreCase(System.getenv("COURSE_AOT")) || !(vm.contains("OpenJDK") || vm.contains("HotSpot"))) return NONE;
        Fingerprint f = new Fingerprint().add("aot 1").add(Runtime.version().toString()).add(System.getProperty("java.home")).add(setup.jvmArgs());
        for (Path j : jars) {
            f.add(j.toString());
            if (Files.exists(j)) f.add(Files.size(j) + "@" + Files.getLastModifiedTime(j).toMillis());
        }
        String key = f.hex().substring(0, 16);
        // A folder per set of JVM arguments: the wrong answers' flags (WrongAnswers.JVM_FLAGS) need a
        // cache of their own, and must not delete the learner's loop's as an "older key".
        Path dir = setup.dir().resolve("target/course/aot").resolve(new Fingerprint().add(setup.jvmArgs()).hex().substring(0, 8));
        Path cache = dir.resolve(key + ".aot");
        if (Files.exists(cache)) return new Use(List.of("-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off"), null, null, null);
        Files.createDirectories(dir);
        Path lock = dir.resolve(key + ".lock");
        try {
            if (Files.exists(lock) && Files.getLastModifiedTime(lock).toInstant().isBefore(Instant.now().minus(STALE))) Files.deleteIfExists(lock);
            Files.createFile(lock);
        } catch (IOException someoneRecords) {
            return NONE;
        }
        for (Path old : Fingerprint.files(dir, ".aot")) Files.deleteIfExists(old); // an older key's cache is of no more use
        Path recording = dir.resolve(key + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".aot");
        return new Use(List.of("-XX:AOTCacheOutput=" + recording, "-Xlog:aot=off", "-Xlog:cds=off"), recording, cache, lock);
    }
}
