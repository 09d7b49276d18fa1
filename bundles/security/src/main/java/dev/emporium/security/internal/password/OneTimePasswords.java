package dev.emporium.security.internal.password;

import java.security.SecureRandom;

/** Generated one-time passwords: 20 characters without look-alikes (about 115 bits), easy to copy from a log. */
public final class OneTimePasswords {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private OneTimePasswords() {
    }

    public static String generate() {
        StringBuilder p = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            p.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return p.toString();
    }
}
