package dev.emporium.security.api;

import java.time.Instant;
import java.util.List;

/**
 * What an admin sees of an admin account; never its password.
 *
 * @param lockedUntil        null unless failed sign-ins locked it
 * @param mustChangePassword the password is one-time (first start, new account, reset): the account can only change it
 * @param passwordExpiresAt  null when passwords do not expire
 */
public record AdminAccount(String username, List<String> roles, boolean enabled, Instant lockedUntil,
                           boolean mustChangePassword, Instant passwordChangedAt, Instant passwordExpiresAt,
                           Instant createdAt, Instant lastSignInAt) {

    public AdminAccount {
        roles = List.copyOf(roles);
    }
}
