package dev.emporium.security.api;

import java.time.Instant;

/**
 * One line of the security audit trail.
 *
 * @param actor   who acted: an admin's username, {@code console:<user>}, {@code system}, or the username tried
 * @param action  what was tried, such as {@code SIGN_IN} or {@code ADMIN_CREATED}
 * @param subject the account acted upon
 * @param address the source address, or {@code console}
 * @param outcome {@code SUCCESS}, {@code DENIED} (wrong credentials, locked, throttled) or {@code REFUSED} (policy)
 * @param detail  the reason, in words
 */
public record AuditEntry(long id, Instant at, String actor, String action, String subject, String address,
                         String outcome, String detail) {
}
