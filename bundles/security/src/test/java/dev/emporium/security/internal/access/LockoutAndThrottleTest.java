package dev.emporium.security.internal.access;

import org.junit.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/** The lockout and throttle arithmetic. */
public class LockoutAndThrottleTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    public void theNthFailureInARowLocksForTheDurationAndRestartsTheCount() {
        Lockout.AfterFailure a = Lockout.afterFailure(0, 5, NOW, Duration.ofMinutes(15));
        assertEquals(1, a.failures());
        assertNull(a.lockedUntil());
        a = Lockout.afterFailure(3, 5, NOW, Duration.ofMinutes(15));
        assertEquals(4, a.failures());
        assertFalse(a.locked());
        a = Lockout.afterFailure(4, 5, NOW, Duration.ofMinutes(15));
        assertTrue(a.locked());
        assertEquals(0, a.failures());
        assertEquals(NOW.plusSeconds(900), a.lockedUntil());
        assertTrue(Lockout.afterFailure(0, 1, NOW, Duration.ofSeconds(1)).locked());
    }

    @Test
    public void aLockEndsAtItsInstant() {
        Instant until = NOW.plusSeconds(60);
        assertTrue(Lockout.isLocked(until, NOW));
        assertTrue(Lockout.isLocked(until, until.minusMillis(1)));
        assertFalse(Lockout.isLocked(until, until));
        assertFalse(Lockout.isLocked(null, NOW));
    }

    @Test
    public void anAddressWaitsUntilItsOldestDenialLeavesTheWindow() {
        Duration window = Duration.ofMinutes(10);
        assertEquals(OptionalLong.empty(), AddressThrottle.retryAfter(19, NOW.minusSeconds(100), 20, window, NOW));
        assertEquals(OptionalLong.of(501), AddressThrottle.retryAfter(20, NOW.minusSeconds(100), 20, window, NOW));
        assertEquals(OptionalLong.of(1), AddressThrottle.retryAfter(25, NOW.minusSeconds(600), 20, window, NOW));
        assertEquals(OptionalLong.empty(), AddressThrottle.retryAfter(0, null, 1, window, NOW));
    }
}
