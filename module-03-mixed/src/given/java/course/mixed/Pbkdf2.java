package course.mixed;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The module's CPU-heavy step: PBKDF2 password hashing from the JDK (given; not an exercise).
 *
 * <p>Password hashing is slow on purpose: {@value #ITERATIONS} rounds of HMAC-SHA256 took 7 to 8 ms
 * of CPU per hash on one core of the course's test machine (AMD EPYC, JDK 25, after the JIT has
 * warmed up; several times that before); its wall time grows with every other thread busy on that
 * core. It never waits for anything, so no amount of async plumbing makes it
 * faster; the only question is which thread pays for it.
 */
public final class Pbkdf2 {

    /** Enough rounds for milliseconds of CPU per hash: noticeable to an event loop, never seconds. */
    public static final int ITERATIONS = 20_000;

    private static final byte[] SALT = "threads-vs-async".getBytes(StandardCharsets.UTF_8);

    private Pbkdf2() {
    }

    /** Hashes {@code password} with PBKDF2-HMAC-SHA256 and returns the key as hex. Pure CPU. */
    public static String hash(String password) {
        try {
            var spec = new PBEKeySpec(password.toCharArray(), SALT, ITERATIONS, 256);
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return HexFormat.of().formatHex(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }
}
