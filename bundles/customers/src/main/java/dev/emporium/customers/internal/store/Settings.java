package dev.emporium.customers.internal.store;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The settings the customers department works with, read from its configuration. */
public record Settings(int passwordIterations, Duration session, Duration resetToken, List<String> purposes,
                       Duration signInWindow, int maxFailuresPerAccount, int maxFailuresPerAddress) {

    /** Default sign-in throttling: 5 failures per account and 20 per address within 15 minutes. */
    public Settings(int passwordIterations, Duration session, Duration resetToken, List<String> purposes) {
        this(passwordIterations, session, resetToken, purposes, Duration.ofMinutes(15), 5, 20);
    }

    public Settings {
        Objects.requireNonNull(signInWindow);
        if (maxFailuresPerAccount < 1 || maxFailuresPerAddress < 1) {
            throw new IllegalArgumentException("sign-in failure limits must be positive");
        }
        if (passwordIterations < 1) {
            throw new IllegalArgumentException("passwordIterations must be positive");
        }
        Objects.requireNonNull(session);
        Objects.requireNonNull(resetToken);
        purposes = List.copyOf(purposes);
    }

    /** Splits a comma-separated purpose list, dropping blanks and anything that is not a purpose name. */
    public static List<String> purposes(String commaSeparated) {
        if (commaSeparated == null) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(p -> p.matches("[a-z][a-z0-9_]{0,39}"))
                .distinct()
                .toList();
    }
}
