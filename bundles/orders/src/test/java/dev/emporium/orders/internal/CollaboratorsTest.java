package dev.emporium.orders.internal;

import dev.emporium.catalog.api.Catalog;
import dev.emporium.orders.api.PaymentProvider;
import dev.emporium.orders.internal.payment.BankTransfer;
import dev.emporium.orders.internal.payment.TestCard;
import dev.emporium.platform.api.ProblemException;
import org.junit.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** A department being swapped is away for a moment: a request that needs it waits for it, within a bound. */
public class CollaboratorsTest {

    private final AtomicReference<Catalog> catalog = new AtomicReference<>();

    private Collaborators holdingFor(Duration hold) {
        return new Collaborators(catalog::get, () -> null, List::of, () -> null, () -> null, hold);
    }

    @Test
    public void aCatalogThatComesBackDuringTheHoldServesTheRequest() throws Exception {
        Catalog back = (Catalog) Proxy.newProxyInstance(Catalog.class.getClassLoader(), new Class<?>[]{Catalog.class},
                (p, m, a) -> null);
        Thread swap = new Thread(() -> {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                return;
            }
            catalog.set(back);
        });
        swap.start();
        assertSame(back, holdingFor(Duration.ofSeconds(30)).catalog());
        swap.join();
    }

    @Test
    public void aCheckoutWhileTheOrdersBundleStartsWaitsForItsOwnPaymentProvider() throws Exception {
        AtomicReference<List<PaymentProvider>> payments = new AtomicReference<>(List.of(new BankTransfer()));
        Collaborators departments = new Collaborators(catalog::get, () -> null, payments::get, () -> null, () -> null, Duration.ofSeconds(30),
                Set.of(TestCard.METHOD, BankTransfer.METHOD));
        Thread start = new Thread(() -> {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                return;
            }
            payments.set(List.of(new BankTransfer(), new TestCard()));
        });
        start.start();
        assertEquals("what a checkout is validated against", List.of("bank-transfer", "test-card"), departments.paymentMethods());
        assertEquals("test-card", departments.payment("test-card").orElseThrow().method());
        start.join();
        // a method nobody registers is a client's mistake: answered at once, not held
        long before = System.nanoTime();
        assertTrue(departments.payment("paypal").isEmpty());
        assertTrue(System.nanoTime() - before < Duration.ofSeconds(30).toNanos());
    }

    @Test
    public void aCatalogThatStaysAwayAnswers503WithRetryAfter() {
        try {
            holdingFor(Duration.ofMillis(60)).catalog();
            fail("the catalog is away");
        } catch (ProblemException e) {
            assertEquals(503, e.status());
            assertEquals("5", e.headers().get("Retry-After"));
        }
    }
}
