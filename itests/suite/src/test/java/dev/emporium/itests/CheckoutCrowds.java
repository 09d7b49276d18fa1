package dev.emporium.itests;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.emporium.itests.StoreFront.available;
import static dev.emporium.itests.StoreFront.cart;
import static dev.emporium.itests.StoreFront.checkout;
import static dev.emporium.itests.StoreFront.number;
import static dev.emporium.itests.StoreFront.send;
import static dev.emporium.itests.StoreFront.text;
import static dev.emporium.itests.StoreFront.wine;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Crowds of storefronts checking out at once over HTTP, the same on whichever database the store runs: many buyers
 * for too few bottles, and one impatient buyer pressing "pay" twenty times.
 */
final class CheckoutCrowds {

    private static final String CARD = "4242 4242 4242 4242";

    private CheckoutCrowds() {
    }

    /**
     * {@code buyers} guests, each with a cart of one bottle and a key of their own, check out at once for a wine of
     * which {@code stock} bottles exist: exactly {@code stock} orders, every other buyer a 409 Problem, and available
     * stock never seen below zero meanwhile.
     */
    static void neverOversell(String sku, int buyers, int stock) throws Exception {
        wine(sku, "10.00", stock);
        List<String> carts = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            carts.add(cart(null, sku, 1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong lowest = new AtomicLong(Long.MAX_VALUE);
        Thread watcher = new Thread(() -> {
            while (running.get()) {
                try {
                    lowest.accumulateAndGet(available(sku), Math::min);
                    Thread.sleep(20);
                } catch (Exception | AssertionError e) {
                    return;
                }
            }
        });
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                String cart = carts.get(i);
                String key = "crowd-" + sku + "-" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return checkout(null, key, cart, "test-card", CARD);
                }));
            }
            watcher.start();
            long began = System.nanoTime();
            start.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            Set<String> numbers = new TreeSet<>();
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get();
                statuses.merge(r.statusCode(), 1, Integer::sum);
                if (r.statusCode() == 201) {
                    numbers.add(text(r.body(), "number"));
                } else {
                    assertEquals(r.body(), 409, r.statusCode());
                    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim());
                    assertTrue(r.body(), r.body().contains("not enough stock of " + sku));
                }
            }
            // a figure for the report, never an assertion
            System.out.println(buyers + " concurrent checkouts for " + stock + " units of " + sku + " answered in "
                    + (System.nanoTime() - began) / 1_000_000 + " ms: " + statuses);
            assertEquals("exactly the stock is sold: " + statuses, Map.of(201, stock, 409, buyers - stock), statuses);
            assertEquals("one order per buyer served", stock, numbers.size());
        } finally {
            running.set(false);
            watcher.join(10_000);
            pool.shutdownNow();
        }
        assertTrue("available was never seen below zero: " + lowest.get(), lowest.get() >= 0);
        HttpResponse<String> r = send("GET", "/api/admin/inventory/stock/" + sku, StoreFront.STOCK_MANAGER, null, null);
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals(r.body(), 0, number(r.body(), "available"));
        assertEquals("every sold bottle left the shelf: " + r.body(), 0, number(r.body(), "onHand"));
        assertEquals("and nothing stays held: " + r.body(), 0, number(r.body(), "reserved"));
    }

    /**
     * One cart checked out {@code times} at once with one Idempotency-Key: one order, the same answer to every
     * request, and one reservation only.
     */
    static void oneOrderForOneKey(String sku, int times) throws Exception {
        wine(sku, "10.00", 5);
        String cart = cart(null, sku, 2);
        ExecutorService pool = Executors.newFixedThreadPool(times);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return checkout(null, "impatient-" + sku, cart, "test-card", CARD);
                }));
            }
            start.countDown();
            Set<String> bodies = new TreeSet<>();
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get();
                assertEquals(r.body(), 201, r.statusCode());
                bodies.add(r.body());
            }
            assertEquals("every request got the same order: " + bodies, 1, bodies.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals("two bottles were held once, not " + times + " times", 3, available(sku));
    }
}
