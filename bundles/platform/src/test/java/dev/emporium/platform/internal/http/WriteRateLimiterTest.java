package dev.emporium.platform.internal.http;

import org.junit.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class WriteRateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final WriteRateLimiter limiter = new WriteRateLimiter(now::get);

    @Test
    public void aMinutesAllowancePassesInABurstAndTheNextWriteWaits() {
        for (int i = 0; i < 60; i++) {
            assertEquals("write " + i, 0, limiter.admit("10.0.0.1", 60));
        }
        // one token a second comes back
        assertEquals(1, limiter.admit("10.0.0.1", 60));
    }

    @Test
    public void theWaitIsTheTimeUntilTheNextTokenRoundedUp() {
        for (int i = 0; i < 6; i++) {
            limiter.admit("10.0.0.1", 6);
        }
        // 6 a minute: one every 10 s
        assertEquals(10, limiter.admit("10.0.0.1", 6));
        now.addAndGet(TimeUnit.SECONDS.toNanos(4));
        assertEquals(6, limiter.admit("10.0.0.1", 6));
        now.addAndGet(TimeUnit.SECONDS.toNanos(6));
        assertEquals(0, limiter.admit("10.0.0.1", 6));
    }

    @Test
    public void theAllowanceRefillsWithTime() {
        for (int i = 0; i < 10; i++) {
            limiter.admit("10.0.0.1", 10);
        }
        assertTrue(limiter.admit("10.0.0.1", 10) > 0);
        now.addAndGet(TimeUnit.MINUTES.toNanos(1));
        for (int i = 0; i < 10; i++) {
            assertEquals(0, limiter.admit("10.0.0.1", 10));
        }
    }

    @Test
    public void eachAddressHasItsOwnAllowance() {
        for (int i = 0; i < 5; i++) {
            limiter.admit("10.0.0.1", 5);
        }
        assertTrue(limiter.admit("10.0.0.1", 5) > 0);
        assertEquals(0, limiter.admit("10.0.0.2", 5));
    }

    @Test
    public void zeroMeansNoLimitAndTracksNobody() {
        for (int i = 0; i < 10_000; i++) {
            assertEquals(0, limiter.admit("10.0.0.1", 0));
        }
        assertEquals(0, limiter.tracked());
    }

    @Test
    public void idleAddressesAreForgottenWhenManyAreTracked() {
        for (int i = 0; i <= 10_001; i++) {
            limiter.admit("10.1." + (i / 256) + "." + (i % 256), 100);
        }
        now.addAndGet(TimeUnit.MINUTES.toNanos(1));
        limiter.admit("10.0.0.1", 100);
        assertTrue("tracked " + limiter.tracked(), limiter.tracked() <= 2);
    }
}
