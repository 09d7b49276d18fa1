package dev.emporium.security.internal.access;

import java.time.Duration;
import java.time.Instant;

/** The lockout arithmetic: failed sign-ins in a row lock an account for a while. */
public final class Lockout {

    /** After a failure: the failures now counted and, when they reached the threshold, until when the account is locked. */
    public record AfterFailure(int failures, Instant lockedUntil) {

        public boolean locked() {
            return lockedUntil != null;
        }
    }

    private Lockout() {
    }

    /** True while {@code lockedUntil} is in the future. */
    public static boolean isLocked(Instant lockedUntil, Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /**
     * @param failuresBefore failures in a row before this one
     * @return the counter to store (back to 0 once it locks, so the next round after the lockout starts afresh)
     */
    public static AfterFailure afterFailure(int failuresBefore, int threshold, Instant now, Duration lockFor) {
        int failures = failuresBefore + 1;
        if (failures >= threshold) {
            return new AfterFailure(0, now.plus(lockFor));
        }
        return new AfterFailure(failures, null);
    }
}
