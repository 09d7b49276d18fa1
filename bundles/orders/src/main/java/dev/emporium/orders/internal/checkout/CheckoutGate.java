package dev.emporium.orders.internal.checkout;

import dev.emporium.platform.api.ProblemException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How many checkouts run at once on this node; the others wait their turn, first come first served, for a bounded
 * time, then get a 503 with {@code Retry-After}. A checkout takes a database connection at each of its steps, from
 * the pool every department shares: without a gate, a crowd of buyers (200 at once for a wine in short supply) holds
 * the whole pool, and every department's requests, checkouts included, fail waiting for a connection.
 */
public final class CheckoutGate {

    private final Semaphore permits;
    private final Duration wait;

    public CheckoutGate(int permits, Duration wait) {
        if (permits < 1) {
            throw new IllegalArgumentException("maxConcurrentCheckouts: at least 1, not " + permits);
        }
        this.permits = new Semaphore(permits, true);
        this.wait = wait;
    }

    /**
     * Runs {@code checkout} once a place is free.
     *
     * @throws ProblemException 503 with Retry-After when no place freed up within the wait
     */
    public <T> T pass(Supplier<T> checkout) {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            throw new ProblemException(503, "Service unavailable", "too many checkouts at once; try again in a few seconds "
                    + "with the same Idempotency-Key", List.of(), Map.of("Retry-After", "2"));
        }
        try {
            return checkout.get();
        } finally {
            permits.release();
        }
    }
}
