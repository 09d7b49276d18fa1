package dev.emporium.security.internal;

import dev.emporium.security.internal.access.AddressAllowList;

import java.time.Duration;

/** The security settings in force, as plain values the department's logic (and its tests) use without OSGi. */
public record SecuritySettings(AddressAllowList allowList, int passwordMinLength, int passwordHistory,
                               int passwordMaxAgeDays, int passwordExpiryWarningDays, int hashIterations,
                               Duration session, int lockoutThreshold, Duration lockout,
                               int addressFailureLimit, Duration addressWindow) {

    /** The floor of the hash work factor, whatever the configuration says. */
    public static final int MIN_ITERATIONS = 100_000;

    static SecuritySettings of(SecurityConfig c) {
        return new SecuritySettings(AddressAllowList.parse(c.allowedAdminAddresses()), Math.max(8, c.passwordMinLength()),
                Math.max(0, c.passwordHistory()), Math.max(0, c.passwordMaxAgeDays()), Math.max(0, c.passwordExpiryWarningDays()),
                Math.max(MIN_ITERATIONS, c.passwordHashIterations()), Duration.ofSeconds(Math.max(1, c.sessionSeconds())),
                Math.max(1, c.lockoutThreshold()), Duration.ofSeconds(Math.max(1, c.lockoutSeconds())),
                Math.max(1, c.addressFailureLimit()), Duration.ofSeconds(Math.max(1, c.addressFailureWindowSeconds())));
    }
}
