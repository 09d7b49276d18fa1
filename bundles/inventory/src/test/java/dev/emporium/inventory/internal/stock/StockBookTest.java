package dev.emporium.inventory.internal.stock;

import dev.emporium.testing.MutableClock;
import dev.emporium.testing.TestDatabases;
import dev.emporium.inventory.api.AdjustmentRecord;
import dev.emporium.inventory.api.SkuStock;
import dev.emporium.inventory.api.StockAdjustment;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.platform.api.ValidationException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Admin adjustments and discontinuation on H2 and PostgreSQL: audited, atomic, published in the same transaction. */
@RunWith(Parameterized.class)
public class StockBookTest {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    private final String engine;
    private DataSource ds;
    private RecordingOutbox outbox;
    private StockBook book;

    public StockBookTest(String engine) {
        this.engine = engine;
    }

    @Before
    public void setUp() throws Exception {
        ds = InventoryDatabases.create(engine);
        outbox = new RecordingOutbox(ds);
        book = new StockBook(ds, outbox, new MutableClock(Instant.parse("2026-03-01T10:00:00Z")), () -> 5);
    }

    @After
    public void tearDown() throws Exception {
        TestDatabases.drop(engine, ds);
    }

    @Test
    public void unknownSkuHasNoStock() {
        assertTrue(book.stock("W-404").isEmpty());
    }

    @Test
    public void adjustmentsAreAuditedAndChangeAvailableToSell() throws Exception {
        AdjustmentRecord first = book.adjust(new StockAdjustment("W-1", "warehouse", 10L, null, 2L, "delivery 42", "ann"));
        assertEquals(0, first.onHandBefore());
        assertEquals(10, first.onHandAfter());
        assertEquals("ann", first.actor());
        book.adjust(new StockAdjustment("W-1", "dropship", null, 4L, null, "supplier says 4", "bob"));
        book.adjust(new StockAdjustment("W-1", "warehouse", -3L, null, null, "broken bottles", "ann"));

        SkuStock s = book.stock("W-1").orElseThrow();
        assertEquals(9, s.available()); // warehouse 7 - 2 safety, dropship 4
        assertEquals(11, s.onHand());
        assertEquals(List.of("warehouse", "dropship"), s.locations().stream().map(l -> l.location()).toList());
        assertTrue(s.sellable());

        List<AdjustmentRecord> trail = book.adjustments("W-1", 10);
        assertEquals(3, trail.size());
        assertEquals("broken bottles", trail.get(0).reason());
        assertEquals(10, trail.get(0).onHandBefore());
        assertEquals(7, trail.get(0).onHandAfter());
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), trail.get(0).at());
        assertEquals(3, TestDatabases.count(ds, "SELECT COUNT(*) FROM inventory_adjustment WHERE sku = 'W-1'"));
    }

    @Test
    public void stockEventsCarryTheNewAvailableQuantityAndTheTransitions() throws Exception {
        book.adjust(new StockAdjustment("W-1", "warehouse", 10L, null, null, "delivery", "ann"));
        book.adjust(new StockAdjustment("W-1", "warehouse", -7L, null, null, "sold in the shop", "ann"));
        book.adjust(new StockAdjustment("W-1", "warehouse", null, 0L, null, "stock count", "ann"));
        assertEquals(List.of("STOCK_CHANGED", "BACK_IN_STOCK", "STOCK_CHANGED", "LOW_STOCK", "STOCK_CHANGED", "OUT_OF_STOCK"),
                outbox.topics());
        List<RecordingOutbox.Recorded> events = outbox.events();
        assertEquals(Long.valueOf(10), events.get(0).available());
        assertEquals(Long.valueOf(3), events.get(2).available());
        assertEquals(Long.valueOf(0), events.get(5).available());
        assertTrue(events.stream().allMatch(e -> "W-1".equals(e.sku())));
    }

    @Test
    public void badAdjustmentsChangeNothing() throws Exception {
        book.adjust(new StockAdjustment("W-1", "warehouse", 2L, null, null, "delivery", "ann"));
        outbox.clear();
        assertProblem(400, () -> book.adjust(new StockAdjustment("W-1", "moon", 5L, null, null, "delivery", "ann")));
        assertProblem(409, () -> book.adjust(new StockAdjustment("W-1", "warehouse", -3L, null, null, "theft", "ann")));
        assertProblem(400, () -> book.adjust(new StockAdjustment("W-2", "warehouse", 3L, null, null, " ", "ann")));
        assertProblem(400, () -> book.adjust(new StockAdjustment("W-3", "nowhere", 3L, null, null, "delivery", "ann")));
        assertEquals(2, book.stock("W-1").orElseThrow().onHand());
        assertTrue("no item for a refused first adjustment", book.stock("W-3").isEmpty());
        assertEquals(1, TestDatabases.count(ds, "SELECT COUNT(*) FROM inventory_adjustment"));
        assertEquals(List.of(), outbox.topics());
    }

    @Test
    public void onHandCannotGoBelowWhatIsReserved() throws Exception {
        book.adjust(new StockAdjustment("W-1", "warehouse", 5L, null, null, "delivery", "ann"));
        TestDatabases.execute(ds, "UPDATE inventory_stock SET reserved = 4 WHERE sku = 'W-1'");
        try {
            book.adjust(new StockAdjustment("W-1", "warehouse", null, 3L, null, "count", "ann"));
            fail("set below reserved");
        } catch (ConflictException e) {
            assertTrue(e.detail(), e.detail().contains("reserved"));
        }
        assertEquals(5, book.stock("W-1").orElseThrow().onHand());
    }

    @Test
    public void discontinuingIsOnceAndPublished() throws Exception {
        book.adjust(new StockAdjustment("W-1", "warehouse", 5L, null, null, "delivery", "ann"));
        outbox.clear();
        SkuStock s = book.discontinue("W-1", "vineyard closed", "ann");
        assertTrue(s.discontinued());
        assertFalse(s.sellable());
        assertEquals(0, s.available());
        assertEquals(5, s.onHand());
        book.discontinue("W-1", "again", "bob");
        assertEquals(List.of("DISCONTINUED"), outbox.topics());
        assertTrue(outbox.events().get(0).payload(), outbox.events().get(0).payload().contains("vineyard closed"));
        assertEquals(1, TestDatabases.count(ds, "SELECT COUNT(*) FROM inventory_stock WHERE sku = 'W-1' AND discontinued = TRUE"));
    }

    @Test
    public void aSkuNeverStockedCanBeDiscontinued() throws Exception {
        SkuStock s = book.discontinue("W-9", "supplier dropped it", "ann");
        assertTrue(s.discontinued());
        assertEquals(List.of("DISCONTINUED"), outbox.topics());
    }

    private static void assertProblem(int status, Runnable r) {
        try {
            r.run();
            fail("expected a " + status + " problem");
        } catch (ProblemException e) {
            assertEquals(e.detail(), status, e.status());
            if (status == 400) {
                assertTrue(e instanceof ValidationException);
            }
        }
    }
}
