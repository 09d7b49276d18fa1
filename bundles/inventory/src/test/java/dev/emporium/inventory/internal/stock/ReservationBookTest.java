package dev.emporium.inventory.internal.stock;

import dev.emporium.testing.MutableClock;
import dev.emporium.testing.TestDatabases;
import dev.emporium.inventory.api.Reservation;
import dev.emporium.inventory.api.ReservationLine;
import dev.emporium.inventory.api.ReservationStatus;
import dev.emporium.inventory.api.ReservedLine;
import dev.emporium.inventory.api.SkuStock;
import dev.emporium.inventory.api.StockAdjustment;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.GoneException;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.ProblemException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Reservations on H2 and PostgreSQL: all or nothing, committed, released, expired, idempotent. */
@RunWith(Parameterized.class)
public class ReservationBookTest {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    private final String engine;
    private DataSource ds;
    private RecordingOutbox outbox;
    private MutableClock clock;
    private StockBook stock;
    private ReservationBook reservations;

    public ReservationBookTest(String engine) {
        this.engine = engine;
    }

    @Before
    public void setUp() throws Exception {
        ds = InventoryDatabases.create(engine);
        outbox = new RecordingOutbox(ds);
        clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        stock = new StockBook(ds, outbox, clock, () -> 5);
        reservations = new ReservationBook(ds, outbox, clock, () -> 5);
        stock.adjust(new StockAdjustment("W-1", "warehouse", 10L, null, 1L, "delivery", "ann"));
        stock.adjust(new StockAdjustment("W-1", "dropship", 20L, null, null, "supplier", "ann"));
        stock.adjust(new StockAdjustment("W-2", "warehouse", 3L, null, null, "delivery", "ann"));
        outbox.clear();
    }

    @After
    public void tearDown() throws Exception {
        TestDatabases.drop(engine, ds);
    }

    private Instant inMinutes(int m) {
        return clock.instant().plus(Duration.ofMinutes(m));
    }

    @Test
    public void reserveHoldsFromTheFirstLocationThatHasTheWholeLine() {
        Reservation r = reservations.reserve(List.of(new ReservationLine("W-1", 9), new ReservationLine("W-2", 3)), inMinutes(15), "order-1");
        assertEquals(ReservationStatus.HELD, r.status());
        assertEquals("warehouse", r.lines().stream().filter(l -> l.sku().equals("W-1")).findFirst().orElseThrow().location());
        assertEquals(20, stock.stock("W-1").orElseThrow().available());
        assertEquals(0, stock.stock("W-2").orElseThrow().available());

        Reservation next = reservations.reserve(List.of(new ReservationLine("W-1", 5)), inMinutes(15), "order-2");
        assertEquals("the warehouse has 0 left after safety stock", "dropship", next.lines().get(0).location());
    }

    @Test
    public void aLineNoLocationHasAloneIsSplitAndCommittedAcrossLocations() throws Exception {
        Reservation r = reservations.reserve(List.of(new ReservationLine("W-1", 25)), inMinutes(15), "order-1");
        assertEquals(List.of(new ReservedLine("W-1", "warehouse", 9), new ReservedLine("W-1", "dropship", 16)), r.lines());
        assertEquals(List.of("STOCK_CHANGED", "LOW_STOCK"), outbox.topics());
        assertEquals(Long.valueOf(4), outbox.events().get(0).available());
        assertEquals("the same key and quantity is the same reservation", r.id(),
                reservations.reserve(List.of(new ReservationLine("W-1", 25)), inMinutes(15), "order-1").id());
        reservations.commit(r.id());
        SkuStock s = stock.stock("W-1").orElseThrow();
        assertEquals(5, s.onHand());
        assertEquals(0, s.reserved());
        assertEquals(4, s.available());
    }

    @Test
    public void reserveIsAllOrNothing() throws Exception {
        try {
            reservations.reserve(List.of(new ReservationLine("W-1", 2), new ReservationLine("W-2", 4)), inMinutes(15), "order-1");
            fail("W-2 has only 3");
        } catch (ConflictException e) {
            assertTrue(e.detail(), e.detail().contains("W-2") && e.detail().contains("3 available"));
        }
        assertEquals(0, stock.stock("W-1").orElseThrow().reserved());
        assertEquals(0, TestDatabases.count(ds, "SELECT COUNT(*) FROM inventory_reservation"));
        assertEquals(List.of(), outbox.topics());
    }

    @Test
    public void commitTakesStockAndReleaseGivesItBack() {
        Reservation a = reservations.reserve(List.of(new ReservationLine("W-2", 2)), inMinutes(15), "order-1");
        Reservation b = reservations.reserve(List.of(new ReservationLine("W-2", 1)), inMinutes(15), "order-2");
        assertEquals(ReservationStatus.COMMITTED, reservations.commit(a.id()).status());
        assertEquals("commit twice is fine", ReservationStatus.COMMITTED, reservations.commit(a.id()).status());
        SkuStock s = stock.stock("W-2").orElseThrow();
        assertEquals(1, s.onHand());
        assertEquals(1, s.reserved());
        assertEquals(0, s.available());

        assertEquals(ReservationStatus.RELEASED, reservations.release(b.id()).status());
        assertEquals(ReservationStatus.RELEASED, reservations.release(b.id()).status());
        s = stock.stock("W-2").orElseThrow();
        assertEquals(1, s.onHand());
        assertEquals(0, s.reserved());
        assertEquals(1, s.available());

        assertStatus(409, () -> reservations.commit(b.id()));
        assertStatus(409, () -> reservations.release(a.id()));
        assertStatus(404, () -> reservations.commit(999));
    }

    @Test
    public void reservationEventsTellWhenTheLastUnitIsHeldAndWhenItComesBack() throws Exception {
        Reservation r = reservations.reserve(List.of(new ReservationLine("W-2", 3)), inMinutes(15), "order-1");
        reservations.release(r.id());
        assertEquals(List.of("STOCK_CHANGED", "OUT_OF_STOCK", "STOCK_CHANGED", "BACK_IN_STOCK"), outbox.topics());
        assertEquals(Long.valueOf(0), outbox.events().get(0).available());
        assertEquals(Long.valueOf(3), outbox.events().get(2).available());
    }

    @Test
    public void expiredReservationsAreReleasedAndCannotBeCommitted() {
        Reservation short1 = reservations.reserve(List.of(new ReservationLine("W-2", 2)), inMinutes(5), "order-1");
        Reservation long1 = reservations.reserve(List.of(new ReservationLine("W-2", 1)), inMinutes(60), "order-2");
        clock.advance(Duration.ofMinutes(10));
        assertStatus(409, () -> reservations.commit(short1.id()));
        assertEquals(1, reservations.expire(clock.instant()));
        assertEquals(0, reservations.expire(clock.instant()));
        assertEquals(ReservationStatus.EXPIRED, reservations.find(short1.id()).orElseThrow().status());
        assertEquals(ReservationStatus.HELD, reservations.find(long1.id()).orElseThrow().status());
        assertEquals(2, stock.stock("W-2").orElseThrow().available());
        assertStatus(409, () -> reservations.commit(short1.id()));
    }

    @Test
    public void theSameReferenceReturnsTheSameReservation() throws Exception {
        Reservation first = reservations.reserve(List.of(new ReservationLine("W-2", 2)), inMinutes(15), "order-1");
        Reservation again = reservations.reserve(List.of(new ReservationLine("W-2", 2)), inMinutes(15), "order-1");
        assertEquals(first.id(), again.id());
        assertEquals(2, stock.stock("W-2").orElseThrow().reserved());
        assertStatus(409, () -> reservations.reserve(List.of(new ReservationLine("W-2", 1)), inMinutes(15), "order-1"));
    }

    @Test
    public void aDiscontinuedSkuIsNeverReserved() throws Exception {
        stock.discontinue("W-1", "vineyard closed", "ann");
        try {
            reservations.reserve(List.of(new ReservationLine("W-2", 1), new ReservationLine("W-1", 1)), inMinutes(15), "order-1");
            fail("W-1 is discontinued");
        } catch (GoneException e) {
            assertEquals(410, e.status());
            assertTrue(e.detail(), e.detail().contains("W-1 is no longer sold"));
        }
        assertEquals(0, stock.stock("W-2").orElseThrow().reserved());
        assertEquals(0, stock.stock("W-1").orElseThrow().reserved());
    }

    @Test
    public void unknownSkuAndPastExpiryAreClientMistakes() {
        try {
            reservations.reserve(List.of(new ReservationLine("W-404", 1)), inMinutes(15), "order-1");
            fail();
        } catch (NotFoundException e) {
            assertTrue(e.detail(), e.detail().contains("W-404"));
        }
        assertStatus(400, () -> reservations.reserve(List.of(new ReservationLine("W-1", 1)), clock.instant(), "order-2"));
    }

    private static void assertStatus(int status, Runnable r) {
        try {
            r.run();
            fail("expected " + status);
        } catch (ProblemException e) {
            assertEquals(e.detail(), status, e.status());
        }
    }
}
