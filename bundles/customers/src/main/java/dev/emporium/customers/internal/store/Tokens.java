package dev.emporium.customers.internal.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Bearer tokens of customers: 256 random bits behind a recognisable prefix ({@code ct_} for sessions, {@code cr_} for
 * password resets). The customer gets the token once; the database keeps only its SHA-256.
 */
public final class Tokens {

    /** The prefix of a customer session token. */
    public static final String SESSION_PREFIX = "ct_";
    /** The prefix of a password reset token. */
    public static final String RESET_PREFIX = "cr_";
    /** 32 bytes in unpadded base64url. */
    private static final Pattern BODY = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    /** A new token with the prefix. */
    public static String newToken(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True when {@code token} has the shape of a token made by {@link #newToken} with the prefix. */
    public static boolean wellFormed(String prefix, String token) {
        return token != null && token.startsWith(prefix) && BODY.matcher(token.substring(prefix.length())).matches();
    }

    /** What the database keeps of a token: its SHA-256, in hex. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
