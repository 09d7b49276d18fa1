package dev.emporium.security.internal.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Admin bearer tokens: {@code at_} and 256 random bits in base64url (43 characters). Only their SHA-256 is stored;
 * the prefix tells this department's tokens from customers' ({@code ct_}) at a glance and to secret scanners.
 */
public final class AdminTokens {

    public static final String PREFIX = "at_";
    private static final Pattern FORMAT = Pattern.compile("at_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminTokens() {
    }

    public static String generate() {
        byte[] bits = new byte[32];
        RANDOM.nextBytes(bits);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /** The token of an {@code Authorization} header when it is a bearer token of this department's kind, else empty. */
    public static Optional<String> fromHeader(String authorization) {
        if (authorization == null || authorization.length() < 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).strip();
        return token.startsWith(PREFIX) ? Optional.of(token) : Optional.empty();
    }

    public static boolean wellFormed(String token) {
        return token != null && FORMAT.matcher(token).matches();
    }

    /** The hex SHA-256 of the token: what the session table keeps. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
