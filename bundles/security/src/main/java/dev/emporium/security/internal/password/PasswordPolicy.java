package dev.emporium.security.internal.password;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules a new password must pass, each refusal with its own message. The no-reuse rule needs the stored hashes
 * and is checked by the account book.
 */
public final class PasswordPolicy {

    public static final int MAX_LENGTH = 256;

    private final int minLength;
    private final CommonPasswords common;

    public PasswordPolicy(int minLength, CommonPasswords common) {
        this.minLength = minLength;
        this.common = common;
    }

    /** Why {@code password} is refused for {@code username}; empty when it passes. */
    public List<String> refusals(String username, String password) {
        List<String> reasons = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            reasons.add("is required");
            return reasons;
        }
        int length = password.codePointCount(0, password.length());
        if (length < minLength) {
            reasons.add("must be at least " + minLength + " characters long (it has " + length + ")");
        }
        if (length > MAX_LENGTH) {
            reasons.add("must be at most " + MAX_LENGTH + " characters long");
        }
        if (password.codePoints().distinct().count() == 1) {
            reasons.add("must not be one character repeated");
        }
        if (username != null && username.length() >= 3
                && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            reasons.add("must not contain the username");
        }
        if (common.isCommon(password)) {
            reasons.add("is one of the most common passwords; choose one nobody would guess");
        }
        return reasons;
    }
}
