package dev.emporium.inventory.internal.stock;

import dev.emporium.testing.TestDatabases;
import dev.emporium.inventory.api.ReservationLine;
import dev.emporium.inventory.api.StockAdjustment;
import dev.emporium.platform.api.ConflictException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

/** Checkout never oversells: 200 parallel reservations of one unit against 50 units, on H2 and on PostgreSQL. */
@RunWith(Parameterized.class)
public class ReservationConcurrencyTest {

    private static final int UNITS = 50;
    private static final int CHECKOUTS = 200;
    private static final int THREADS = 32;

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    private final String engine;
    private DataSource ds;

    public ReservationConcurrencyTest(String engine) {
        this.engine = engine;
    }

    @Before
    public void setUp() throws Exception {
        ds = InventoryDatabases.create(engine);
    }

    @After
    public void tearDown() throws Exception {
        TestDatabases.drop(engine, ds);
    }

    @Test
    public void exactlyTheAvailableUnitsAreReservedWhateverTheConcurrency() throws Exception {
        RecordingOutbox outbox = new RecordingOutbox(ds);
        StockBook stock = new StockBook(ds, outbox, Clock.systemUTC(), () -> 5);
        stock.adjust(new StockAdjustment("W-1", "warehouse", (long) UNITS, null, null, "delivery", "test"));
        race(stock, outbox);
    }

    @Test
    public void twoLocationsTogetherNeverOversellEither() throws Exception {
        RecordingOutbox outbox = new RecordingOutbox(ds);
        StockBook stock = new StockBook(ds, outbox, Clock.systemUTC(), () -> 5);
        stock.adjust(new StockAdjustment("W-1", "warehouse", (long) UNITS / 2 + 3, null, 3L, "delivery", "test"));
        stock.adjust(new StockAdjustment("W-1", "dropship", (long) UNITS / 2, null, null, "supplier", "test"));
        race(stock, outbox);
    }

    private void race(StockBook stock, RecordingOutbox outbox) throws Exception {
        outbox.clear();
        ReservationBook reservations = new ReservationBook(ds, outbox, Clock.systemUTC(), () -> 5);

        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean negativeSeen = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        // Watches available-to-sell while the checkouts run, straight from the table.
        Thread watcher = new Thread(() -> {
            while (running.get()) {
                try {
                    if (TestDatabases.count(ds, "SELECT MIN(on_hand - reserved - safety_stock) FROM inventory_stock") < 0) {
                        negativeSeen.set(true);
                    }
                } catch (Exception e) {
                    // a busy database is no finding
                }
            }
        });
        watcher.start();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < CHECKOUTS; i++) {
            String reference = "checkout-" + i;
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    reservations.reserve(List.of(new ReservationLine("W-1", 1)), Instant.now().plus(Duration.ofMinutes(15)), reference);
                    succeeded.incrementAndGet();
                } catch (ConflictException e) {
                    refused.incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS); // any other failure (a lock timeout, a deadlock) fails the test here
        }
        pool.shutdown();
        running.set(false);
        watcher.join();

        assertEquals(UNITS, succeeded.get());
        assertEquals(CHECKOUTS - UNITS, refused.get());
        assertFalse("available to sell went below zero", negativeSeen.get());
        assertEquals(UNITS, TestDatabases.count(ds, "SELECT SUM(reserved) FROM inventory_stock WHERE sku = 'W-1'"));
        assertEquals(0, stock.stock("W-1").orElseThrow().available());
        assertEquals(UNITS, TestDatabases.count(ds, "SELECT COUNT(*) FROM inventory_reservation WHERE status = 'HELD'"));
        assertEquals(UNITS, TestDatabases.count(ds, "SELECT COALESCE(SUM(quantity), 0) FROM inventory_reservation_line"));
        assertEquals("one out-of-stock event, from the checkout that took the last unit", 1,
                outbox.topics().stream().filter("OUT_OF_STOCK"::equals).count());
    }
}
