package dev.emporium.catalog.internal.evidence;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.emporium.catalog.api.ExpertRating;
import dev.emporium.catalog.api.ExpertRatingInput;
import dev.emporium.catalog.api.PressMentionInput;
import dev.emporium.catalog.api.RatingSummary;
import dev.emporium.catalog.api.Review;
import dev.emporium.catalog.api.ReviewInput;
import dev.emporium.catalog.api.ReviewStatus;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.SearchQuery;
import dev.emporium.catalog.internal.CatalogSearch;
import dev.emporium.catalog.internal.CatalogService;
import dev.emporium.catalog.internal.Wines;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.Page;
import dev.emporium.platform.api.PageRequest;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.testing.TestDatabases;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Reviews, their aggregate, critics' ratings and press mentions on H2 and a real PostgreSQL. */
@RunWith(Parameterized.class)
public class CatalogEvidenceTest {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    /** Records events in a table through the caller's connection, so a rolled-back write leaves none. */
    private static final Outbox TABLE_OUTBOX = (tx, topic, payload) -> {
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO test_event (topic, sku, average) VALUES (?, ?, ?)")) {
            ps.setString(1, topic);
            ps.setString(2, String.valueOf(payload.get("sku")));
            ps.setString(3, payload.get("average") == null ? null : String.valueOf(payload.get("average")));
            ps.executeUpdate();
        }
        return 1;
    };

    private final String engine;
    private DataSource ds;
    private CatalogService catalog;
    private CatalogEvidence evidence;

    public CatalogEvidenceTest(String engine) {
        this.engine = engine;
    }

    @Before
    public void publishedWines() {
        ds = TestDatabases.create(engine);
        TestDatabases.migrate(ds, "catalog");
        TestDatabases.execute(ds, "CREATE TABLE test_event (topic VARCHAR(200), sku VARCHAR(64), average VARCHAR(20))");
        ObjectMapper mapper = JsonMapper.builder().findAndAddModules().build();
        mapper.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        catalog = new CatalogService(ds, TABLE_OUTBOX, mapper);
        catalog.defineType(Wines.type());
        catalog.create(Wines.wine("W-1", "Pomerol 2018", "red", "Merlot", 2018, "Bordeaux", "34.50"));
        catalog.publish("W-1");
        catalog.create(Wines.wine("W-DRAFT", "Draft 2020", "red", "Merlot", 2020, "Bordeaux", "9.00"));
        evidence = new CatalogEvidence(ds, TABLE_OUTBOX, CLOCK);
        TestDatabases.execute(ds, "DELETE FROM test_event");
    }

    private long events(String suffix) {
        return TestDatabases.count(ds, "SELECT COUNT(*) FROM test_event WHERE topic LIKE '%" + suffix + "'");
    }

    private static ReviewInput stars(int n) {
        return new ReviewInput(n, "Title " + n, "Text " + n, "Buyer " + n);
    }

    @Test
    public void everyReviewUpdatesTheAggregateInItsTransaction() {
        evidence.review("W-1", "c-1", stars(5), null);
        evidence.review("W-1", "c-2", stars(4), null);
        evidence.review("W-1", "c-3", stars(4), null);
        RatingSummary s = evidence.summary("W-1");
        assertEquals(3, s.count());
        assertEquals(new BigDecimal("4.33"), s.average());
        assertEquals(Map.of(1, 0L, 2, 0L, 3, 0L, 4, 2L, 5, 1L), s.distribution());
        assertEquals(3, events("REVIEW_ADDED"));
        assertEquals(3, events("RATING_CHANGED"));
        assertEquals(1, TestDatabases.count(ds, "SELECT COUNT(*) FROM test_event WHERE average = '4.33'"));
        assertEquals(new BigDecimal("4.33"), evidence.averages().get("W-1"));
    }

    @Test
    public void anUnratedProductHasAnEmptyAggregate() {
        RatingSummary s = evidence.summary("W-1");
        assertNull(s.average());
        assertEquals(0, s.count());
        assertTrue(evidence.averages(List.of("W-1")).isEmpty());
    }

    @Test
    public void aBadReviewIsRefusedByFieldAndChangesNothing() {
        try {
            evidence.review("W-1", "c-1", new ReviewInput(6, null, null, ""), null);
            fail();
        } catch (ValidationException e) {
            assertEquals(List.of("rating", "author"), e.errors().stream().map(FieldError::field).toList());
        }
        assertEquals(0, TestDatabases.count(ds, "SELECT COUNT(*) FROM catalog_review"));
        assertEquals(0, TestDatabases.count(ds, "SELECT COUNT(*) FROM test_event"));
    }

    @Test
    public void onlyPublishedProductsAreReviewed() {
        for (String sku : new String[] {"W-DRAFT", "NOPE"}) {
            try {
                evidence.review(sku, "c-1", stars(3), null);
                fail(sku);
            } catch (NotFoundException expected) {
                // nothing to review
            }
        }
        assertEquals(0, TestDatabases.count(ds, "SELECT COUNT(*) FROM test_event"));
    }

    @Test
    public void theSameIdempotencyKeyAnswersTheFirstReviewAndCountsItOnce() {
        Review first = evidence.review("W-1", "c-1", stars(5), "key-1");
        Review again = evidence.review("W-1", "c-1", stars(5), "key-1");
        assertEquals(first, again);
        assertEquals(1, evidence.summary("W-1").count());
        assertEquals(1, events("REVIEW_ADDED"));
        try {
            evidence.review("W-1", "c-1", stars(2), "key-1");
            fail("the key was reused for other content");
        } catch (ConflictException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("key-1"));
        }
        try {
            evidence.review("W-1", "c-1", stars(2), "key-2");
            fail("one review per customer and product");
        } catch (ConflictException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("already"));
        }
        assertEquals(1, evidence.summary("W-1").count());
    }

    @Test
    public void aCustomerAnOrderEventSaysBoughtTheProductIsAVerifiedBuyer() {
        evidence.recordPurchase("c-buyer", List.of("W-1", "OTHER"));
        evidence.recordPurchase("c-buyer", List.of("W-1"));
        assertEquals(2, TestDatabases.count(ds, "SELECT COUNT(*) FROM catalog_purchase"));
        assertTrue(evidence.review("W-1", "c-buyer", stars(5), null).verifiedBuyer());
        assertFalse(evidence.review("W-1", "c-visitor", stars(2), null).verifiedBuyer());
    }

    @Test
    public void hidingAReviewTakesItOutOfTheAggregateAndShowingItPutsItBack() {
        Review low = evidence.review("W-1", "c-1", stars(1), null);
        evidence.review("W-1", "c-2", stars(5), null);
        assertEquals(new BigDecimal("3.00"), evidence.summary("W-1").average());

        assertEquals(ReviewStatus.HIDDEN, evidence.setReviewStatus(low.id(), ReviewStatus.HIDDEN).status());
        assertEquals(new BigDecimal("5.00"), evidence.summary("W-1").average());
        assertEquals(1, evidence.summary("W-1").count());
        assertEquals(1, evidence.reviews("W-1", new PageRequest(null, 10)).items().size());
        assertEquals(2, evidence.allReviews("W-1", new PageRequest(null, 10)).items().size());

        long before = events("RATING_CHANGED");
        evidence.setReviewStatus(low.id(), ReviewStatus.HIDDEN);
        assertEquals("hiding twice changes nothing", before, events("RATING_CHANGED"));

        evidence.setReviewStatus(low.id(), ReviewStatus.PUBLISHED);
        assertEquals(new BigDecimal("3.00"), evidence.summary("W-1").average());
    }

    @Test
    public void reviewsArePagedNewestFirstWithACursor() {
        for (int i = 1; i <= 5; i++) {
            evidence.review("W-1", "c-" + i, stars(i), null);
        }
        List<Integer> seen = new ArrayList<>();
        Page<Review> page = evidence.reviews("W-1", new PageRequest(null, 2));
        while (true) {
            page.items().forEach(r -> seen.add(r.rating()));
            if (page.nextCursor() == null) {
                break;
            }
            page = evidence.reviews("W-1", new PageRequest(page.nextCursor(), 2));
        }
        assertEquals(List.of(5, 4, 3, 2, 1), seen);
        try {
            evidence.reviews("W-1", new PageRequest("garbage", 2));
            fail();
        } catch (ValidationException e) {
            assertEquals("cursor", e.errors().get(0).field());
        }
    }

    @Test
    public void concurrentReviewsOfOneProductAllCount() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Review>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                futures.add(pool.submit(() -> evidence.review("W-1", "c-" + n, stars(1 + n % 5), null)));
            }
            for (Future<Review> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        RatingSummary s = evidence.summary("W-1");
        assertEquals(40, s.count());
        assertEquals(new BigDecimal("3.00"), s.average());
        assertEquals(Map.of(1, 8L, 2, 8L, 3, 8L, 4, 8L, 5, 8L), s.distribution());
    }

    @Test
    public void criticsRatingsAndPressMentionsAreShownNewestFirst() {
        ExpertRating parker = evidence.addExpertRating("W-1", new ExpertRatingInput("Robert Parker", new BigDecimal("94"),
                new BigDecimal("100"), LocalDate.of(2021, 3, 1), "Dense and long"));
        assertEquals(new BigDecimal("94"), parker.outOf100());
        evidence.addExpertRating("W-1", new ExpertRatingInput("Bettane+Desseauve", new BigDecimal("17.5"), new BigDecimal("20"),
                LocalDate.of(2022, 6, 1), null));
        evidence.addPressMention("W-1", new PressMentionInput("Decanter", "Best Pomerols under 40", LocalDate.of(2023, 1, 15),
                "https://decanter.example/pomerol"));
        var e = evidence.evidence("W-1");
        assertEquals(List.of("Bettane+Desseauve", "Robert Parker"), e.experts().stream().map(ExpertRating::critic).toList());
        assertEquals("87.5", e.experts().get(0).outOf100().toPlainString());
        assertEquals("17.5", e.experts().get(0).score().toPlainString());
        assertEquals("20", e.experts().get(0).scale().toPlainString());
        assertEquals("Decanter", e.press().get(0).publication());
        assertEquals(LocalDate.of(2023, 1, 15), e.press().get(0).date());

        evidence.removeExpertRating(parker.id());
        assertEquals(1, evidence.evidence("W-1").experts().size());
        try {
            evidence.removeExpertRating(parker.id());
            fail();
        } catch (NotFoundException expected) {
            // gone already
        }
        try {
            evidence.addExpertRating("NOPE", new ExpertRatingInput("X", BigDecimal.ONE, BigDecimal.TEN, LocalDate.of(2020, 1, 1), null));
            fail();
        } catch (NotFoundException expected) {
            // no such product
        }
        try {
            evidence.addExpertRating("W-1", new ExpertRatingInput("X", new BigDecimal("18"), new BigDecimal("17"), LocalDate.of(2027, 1, 1), null));
            fail();
        } catch (ValidationException expected) {
            assertEquals(List.of("score", "date"), expected.errors().stream().map(FieldError::field).toList());
        }
    }

    @Test
    public void searchFiltersAndSortsByTheAverageBuyerRating() {
        catalog.create(Wines.wine("W-2", "Rioja 2019", "red", "Tempranillo", 2019, "Rioja", "19.90"));
        catalog.publish("W-2");
        catalog.create(Wines.wine("W-3", "Chablis 2021", "white", "Chardonnay", 2021, "Bourgogne", "24.00"));
        catalog.publish("W-3");
        evidence.review("W-1", "c-1", stars(4), null);
        evidence.review("W-2", "c-1", stars(5), null);
        evidence.review("W-3", "c-1", stars(2), null);
        CatalogSearch search = new CatalogSearch(catalog, evidence);
        SearchQuery rated = new SearchQuery(null, Map.of(), Map.of("rating", new SearchQuery.Range(new BigDecimal("4"), null)),
                SearchQuery.Sort.RATING, null, 10);
        assertEquals(List.of("W-2", "W-1"), search.search(rated).items().stream().map(Product::sku).toList());

        // what the RATING_CHANGED event makes every node do
        evidence.review("W-3", "c-2", stars(5), null);
        evidence.review("W-3", "c-3", stars(5), null);
        evidence.review("W-3", "c-4", stars(5), null);
        assertEquals(new BigDecimal("4.25"), evidence.summary("W-3").average());
        search.refresh("W-3");
        assertEquals(List.of("W-2", "W-3", "W-1"), search.search(rated).items().stream().map(Product::sku).toList());
    }
}
