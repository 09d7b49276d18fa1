package dev.emporium.inventory.internal.stock;

import dev.emporium.inventory.api.ReservationLine;
import dev.emporium.inventory.api.SkuStock;
import dev.emporium.inventory.internal.feed.FieldMapping;
import dev.emporium.inventory.internal.feed.PriceRule;
import dev.emporium.inventory.internal.feed.SourceSettings;
import dev.emporium.testing.MutableClock;
import dev.emporium.testing.TestDatabases;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Supplier feed syncs on H2 and PostgreSQL: stock and costs applied in one transaction with their events, the same
 * feed twice changes nothing, discontinued SKUs (flagged or missing N runs), partial feeds, unreadable feeds, price
 * proposals and their review.
 */
@RunWith(Parameterized.class)
public class SupplierFeedSyncTest {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    private static final FieldMapping MAPPING = new FieldMapping("sku", "quantity", "cost", "currency", "discontinued", "");

    private final String engine;
    private DataSource ds;
    private RecordingOutbox outbox;
    private SupplierFeedSync sync;
    private PriceProposals proposals;
    private StockBook stock;
    private ReservationBook reservations;
    private SupplierFeedSync.Pricing pricing = new SupplierFeedSync.Pricing(PriceRule.of("0", ".99", "0"), false);

    public SupplierFeedSyncTest(String engine) {
        this.engine = engine;
    }

    @Before
    public void setUp() {
        ds = InventoryDatabases.create(engine);
        outbox = new RecordingOutbox(ds);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        proposals = new PriceProposals(ds, outbox, clock);
        sync = new SupplierFeedSync(ds, outbox, clock, () -> 5, proposals);
        stock = new StockBook(ds, outbox, clock, () -> 5);
        reservations = new ReservationBook(ds, outbox, clock, () -> 5);
    }

    @After
    public void tearDown() throws Exception {
        TestDatabases.drop(engine, ds);
    }

    private static SourceSettings source(boolean acceptPartial, int missingRuns) {
        return SourceSettings.check("acme", "acme.csv", "csv", ",", "dropship", MAPPING, "EUR", 0, missingRuns, acceptPartial);
    }

    private SyncReport run(SourceSettings source, String feed) {
        return sync.run(source, () -> new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)), "test", () -> pricing);
    }

    private long onHand(String sku) {
        return stock.stock(sku).map(SkuStock::onHand).orElse(-1L);
    }

    private boolean discontinued(String sku) {
        return stock.stock(sku).orElseThrow().discontinued();
    }

    private static final String FEED = """
            sku,quantity,cost,currency,discontinued
            W-1,10,5.00,EUR,no
            W-2,0,7.50,,
            W-3,4,,,
            """;

    @Test
    public void appliesStockAndCostsOnceAndTheSameFeedAgainChangesNothing() throws Exception {
        SyncReport first = run(source(false, 3), FEED);
        assertEquals(first.message(), "APPLIED", first.status());
        assertEquals(List.of(3, 3, 0, 0, 0, 0), List.of(first.rows(), first.added(), first.changed(), first.unchanged(), first.discontinued(), first.rejected()));
        assertEquals(10, onHand("W-1"));
        assertEquals(0, onHand("W-2"));
        assertEquals("dropship", stock.stock("W-1").orElseThrow().locations().get(0).location());
        assertEquals("EUR cost from the source's default currency", 1,
                TestDatabases.count(ds, "SELECT COUNT(*) FROM inventory_source_sku WHERE sku = 'W-2' AND currency = 'EUR' AND cost = 7.5"));
        assertEquals("W-2 at 0 changes nothing to sell", List.of("STOCK_CHANGED", "BACK_IN_STOCK", "STOCK_CHANGED", "BACK_IN_STOCK"), outbox.topics());

        assertEquals(Long.valueOf(10), outbox.events().get(0).available());
        assertTrue(outbox.events().get(0).payload(), outbox.events().get(0).payload().contains("onHand=10, reserved=0, sellable=true, cause=supplier-sync"));
        assertEquals(Long.valueOf(4), outbox.events().get(2).available());
        outbox.clear();
        SyncReport again = run(source(false, 3), FEED);
        assertEquals("APPLIED", again.status());
        assertEquals(List.of(3, 0, 0, 3), List.of(again.rows(), again.added(), again.changed(), again.unchanged()));
        assertEquals("no event the second time", List.of(), outbox.topics());

        SyncReport changed = run(source(false, 3), FEED.replace("W-1,10,5.00", "W-1,12,5.00").replace("W-2,0,7.50", "W-2,0,7.80"));
        assertEquals(List.of(0, 2, 1), List.of(changed.added(), changed.changed(), changed.unchanged()));
        assertEquals(12, onHand("W-1"));
        assertEquals(List.of("STOCK_CHANGED"), outbox.topics());
        assertEquals(3, sync.reports("acme", 10).size());
        assertEquals(changed, sync.report(changed.id(), 10).orElseThrow());
    }

    @Test
    public void aSupplierFlagDiscontinuesOnceAndReservationsAreRefused() throws Exception {
        run(source(false, 3), FEED);
        outbox.clear();
        SyncReport r = run(source(false, 3), FEED.replace("W-1,10,5.00,EUR,no", "W-1,10,5.00,EUR,yes"));
        assertEquals(1, r.discontinued());
        assertEquals(2, r.unchanged());
        assertTrue(discontinued("W-1"));
        assertEquals(List.of("DISCONTINUED"), outbox.topics());
        assertTrue(outbox.events().get(0).payload().contains("the supplier acme discontinued it (feed line 2)"));
        try {
            reservations.reserve(List.of(new ReservationLine("W-1", 1)), Instant.parse("2026-03-01T11:00:00Z"), "r-1");
            throw new AssertionError("reserved a discontinued SKU");
        } catch (dev.emporium.platform.api.GoneException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("no longer sold"));
        }
        outbox.clear();
        SyncReport again = run(source(false, 3), FEED.replace("W-1,10,5.00,EUR,no", "W-1,10,5.00,EUR,yes"));
        assertEquals("idempotent: already discontinued", 0, again.discontinued());
        assertEquals(3, again.unchanged());
        assertEquals(List.of(), outbox.topics());
    }

    @Test
    public void aSkuMissingFromNConsecutiveFeedsIsDiscontinued() throws Exception {
        run(source(false, 2), FEED);
        String without = FEED.replace("W-3,4,,,\n", "");
        SyncReport once = run(source(false, 2), without);
        assertEquals(0, once.discontinued());
        assertFalse(discontinued("W-3"));
        run(source(false, 2), FEED);
        assertEquals("seen again: the count starts over", 0, TestDatabases.count(ds, "SELECT missing_runs FROM inventory_source_sku WHERE sku = 'W-3'"));
        run(source(false, 2), without);
        assertFalse(discontinued("W-3"));
        SyncReport twice = run(source(false, 2), without);
        assertEquals(1, twice.discontinued());
        assertTrue(discontinued("W-3"));
        assertFalse(discontinued("W-1"));
    }

    private static final String BAD = """
            sku,quantity,cost,currency,discontinued
            W-1,10,5.00,EUR,no
            W-2,many,7.50,,
            W-3,4,,,maybe
            W-4,"4"x
            W-5,6,,,
            W-1,11,,,
            """;

    @Test
    public void badRowsStopTheWholeFeedUnlessTheSourceAcceptsPartialFeeds() throws Exception {
        SyncReport strict = run(source(false, 1), BAD);
        assertEquals("REJECTED", strict.status());
        assertEquals(List.of(6, 0, 4), List.of(strict.rows(), strict.added(), strict.rejected()));
        assertTrue(strict.message(), strict.message().contains("nothing applied"));
        assertEquals(List.of(
                new SyncReport.Rejection(3, "W-2", "quantity 'many' is not a number"),
                new SyncReport.Rejection(4, "W-3", "discontinued 'maybe' is not yes/no, true/false or 1/0"),
                new SyncReport.Rejection(5, null, "text after the closing quote of field 2"),
                new SyncReport.Rejection(7, "W-1", "W-1 at dropship appears again (first on line 2)")), strict.rejections());
        assertEquals(strict.rejections(), sync.report(strict.id(), 100).orElseThrow().rejections());
        assertEquals("nothing changed", 0, TestDatabases.count(ds, "SELECT COUNT(*) FROM inventory_item"));
        assertEquals(List.of(), outbox.topics());

        SyncReport partial = run(source(true, 1), BAD);
        assertEquals("PARTIAL", partial.status());
        assertEquals(List.of(2, 4), List.of(partial.added(), partial.rejected()));
        assertEquals(10, onHand("W-1"));
        assertEquals(6, onHand("W-5"));
        assertEquals(-1, onHand("W-2"));
    }

    @Test
    public void anUnreadableFeedChangesNothingAndLeavesAFailedReport() throws Exception {
        run(source(false, 1), FEED);
        outbox.clear();
        SyncReport missing = sync.run(source(false, 1), () -> {
            throw new FileNotFoundException("/feeds/acme.csv");
        }, "test", () -> pricing);
        assertEquals("FAILED", missing.status());
        assertEquals("the feed cannot be read: no such file /feeds/acme.csv", missing.message());
        SyncReport header = run(source(false, 1), "\"sku,quantity\nW-1,3\n");
        assertEquals("FAILED", header.status());
        assertTrue(header.message(), header.message().startsWith("the feed cannot be read: the CSV header (line 1) is unreadable"));
        SyncReport columns = run(source(false, 1), "article,qty\nW-1,3\n");
        assertTrue(columns.message(), columns.message().contains("the feed has no column 'sku' or 'quantity'"));
        SyncReport json = run(SourceSettings.check("acme", "acme.json", "json", null, "dropship", MAPPING, "EUR", 0, 1, true),
                "[{\"sku\":\"W-1\",\"quantity\":1},{\"sku\":");
        assertEquals("FAILED", json.status());
        assertEquals("no SKU was counted as missing, nothing changed", 10, onHand("W-1"));
        assertFalse(discontinued("W-3"));
        assertEquals(List.of(), outbox.topics());
        SyncReport location = run(SourceSettings.check("acme", "acme.csv", "csv", ",", "moon", MAPPING, "EUR", 0, 1, false), FEED);
        assertEquals("FAILED", location.status());
        assertTrue(location.message(), location.message().contains("location 'moon' is not known"));
        SyncReport config = run(SourceSettings.check("acme", "", "csv", ",", "dropship", MAPPING, "EUR", 0, 1, false), FEED);
        assertEquals("FAILED", config.status());
        assertTrue(config.message(), config.message().startsWith("bad configuration: url:"));
    }

    @Test
    public void aCountUnderWhatCheckoutsHoldIsRefused() throws Exception {
        run(source(false, 0), FEED);
        reservations.reserve(List.of(new ReservationLine("W-1", 8)), Instant.parse("2026-03-01T11:00:00Z"), "r-1");
        SyncReport r = run(source(false, 0), FEED.replace("W-1,10,", "W-1,5,").replace("W-3,4,", "W-3,5,"));
        assertEquals("REJECTED", r.status());
        assertTrue(r.message(), r.message().contains("line 2: W-1 at dropship has more units reserved for checkouts than the 5"));
        assertEquals(10, onHand("W-1"));
        assertEquals("nothing applied", 4, onHand("W-3"));
    }

    @Test
    public void costChangesProposePricesForReviewOrAutoApply() throws Exception {
        pricing = new SupplierFeedSync.Pricing(PriceRule.of("40", ".99", "10"), false);
        SyncReport r = run(source(false, 0), FEED);
        assertEquals("W-1 and W-2 have costs, W-3 none", 2, r.priceProposals());
        List<PriceProposal> open = proposals.list("PROPOSED", 10);
        assertEquals(List.of("W-2", "W-1"), open.stream().map(PriceProposal::sku).toList());
        assertEquals("7.99", open.get(1).price());
        assertEquals("5.00", open.get(1).cost());
        assertEquals(0, run(source(false, 0), FEED).priceProposals());

        outbox.clear();
        PriceProposal accepted = proposals.accept(open.get(1).id(), "ann");
        assertEquals("ACCEPTED", accepted.status());
        assertEquals("ann", accepted.decidedBy());
        assertEquals(List.of("PRICE_ACCEPTED"), outbox.topics());
        assertTrue(outbox.events().get(0).payload(), outbox.events().get(0).payload().contains("amount=7.99"));
        assertEquals("accepting twice changes nothing", accepted, proposals.accept(accepted.id(), "bob"));
        try {
            proposals.reject(accepted.id(), "bob");
            throw new AssertionError("rejected an accepted proposal");
        } catch (dev.emporium.platform.api.ConflictException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("is ACCEPTED"));
        }

        pricing = new SupplierFeedSync.Pricing(PriceRule.of("40", ".99", "10"), true);
        outbox.clear();
        run(source(false, 0), FEED.replace("W-2,0,7.50", "W-2,0,8.00"));
        assertEquals("the open proposal of W-2 is superseded", "SUPERSEDED", proposals.find(open.get(0).id()).orElseThrow().status());
        assertEquals(List.of("PRICE_PROPOSED", "PRICE_ACCEPTED"), outbox.topics());
        assertEquals("11.99", proposals.list("ACCEPTED", 1).get(0).price());
    }
}
