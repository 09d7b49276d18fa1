package dev.emporium.customers.internal.store;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The settings the customers department works with, read from its configuration. */
public record Settings(int passwordIterations, Duration session, Duration resetToken, List<String> purposes) {

    public Settings {
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
