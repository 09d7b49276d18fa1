package dev.emporium.customers.internal.store;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Password hashes with the JDK's PBKDF2WithHmacSHA256: a 16-byte random salt per password, 256-bit output, the
 * iteration count stored in the hash so that it can be raised later. Stored as {@code pbkdf2-sha256$iterations$salt$hash}.
 */
public final class Passwords {

    static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private Passwords() {
    }

    /** A new salted hash of {@code password}. */
    public static String hash(String password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return PREFIX + "$" + iterations + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(derive(password, salt, iterations));
    }

    /** True when {@code password} is the one {@code stored} was made from; compares in constant time. */
    public static boolean verify(String password, String stored) {
        Parsed p = parse(stored);
        if (p == null) {
            return false;
        }
        return MessageDigest.isEqual(derive(password, p.salt, p.iterations), p.hash);
    }

    /** True when {@code stored} was made with fewer iterations than now configured (or is unreadable). */
    public static boolean needsRehash(String stored, int iterations) {
        Parsed p = parse(stored);
        return p == null || p.iterations < iterations;
    }

    /**
     * Spends the time of a verification without a stored hash, so that a sign-in with an unknown email takes as long as
     * one with a wrong password.
     */
    public static void burn(String password, int iterations) {
        derive(password, new byte[SALT_BYTES], iterations);
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {
    }

    private static Parsed parse(String stored) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return null;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            return iterations < 1 ? null : new Parsed(iterations, B64D.decode(parts[2]), B64D.decode(parts[3]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }
}
