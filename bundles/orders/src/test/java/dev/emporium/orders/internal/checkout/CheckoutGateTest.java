package dev.emporium.orders.internal.checkout;

import dev.emporium.platform.api.ProblemException;
import org.junit.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** The gate in front of checkouts: so many at once, the others wait their turn, then 503. */
public class CheckoutGateTest {

    @Test
    public void atMostItsPermitsRunAtOnceAndALateOneGets503() throws Exception {
        CheckoutGate gate = new CheckoutGate(2, Duration.ofMillis(200));
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch leave = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = pool.submit(() -> gate.pass(() -> hold(inside, leave)));
            Future<?> b = pool.submit(() -> gate.pass(() -> hold(inside, leave)));
            assertTrue(inside.await(10, java.util.concurrent.TimeUnit.SECONDS));
            try {
                gate.pass(() -> "third");
                fail("a third checkout got in");
            } catch (ProblemException e) {
                assertEquals(503, e.status());
                assertEquals("2", e.headers().get("Retry-After"));
            }
            leave.countDown();
            a.get();
            b.get();
            assertEquals("a place freed: the next one passes", "fourth", gate.pass(() -> "fourth"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void aFailingCheckoutGivesItsPlaceBack() {
        CheckoutGate gate = new CheckoutGate(1, Duration.ofMillis(100));
        AtomicInteger runs = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            try {
                gate.pass(() -> {
                    runs.incrementAndGet();
                    throw new IllegalStateException("refused");
                });
            } catch (IllegalStateException expected) {
                // the checkout's own refusal
            }
        }
        assertEquals(3, runs.get());
    }

    private static Object hold(CountDownLatch inside, CountDownLatch leave) {
        inside.countDown();
        try {
            leave.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
