package dev.emporium.platform.internal.storage;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.platform.internal.storage.SubscriptionDelivery.Outcome;
import dev.emporium.platform.internal.storage.SubscriptionDelivery.Status;
import dev.emporium.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/** Two relays ("nodes") on one database, as two Emporium nodes on one PostgreSQL. */
@RunWith(Parameterized.class)
public class SubscriptionDeliveryTest {

    private static final String PLACED = "emporium/orders/ORDER_PLACED";
    private static final String UPDATED = "emporium/catalog/PRODUCT_UPDATED";
    private static final Subscription HABITS = new Subscription("customers.order-habits", false, List.of(PLACED));
    private static final Subscription SEARCH = new Subscription("catalog.search", true, List.of("emporium/catalog/*"));

    @Parameter
    public String engine;

    private DataSource db;
    private OutboxStore store;
    private MutableClock clock;

    @Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    @Before
    public void createSchema() throws Exception {
        db = TestDatabases.create(engine);
        new MigrationRunner(db, "test", Duration.ofSeconds(30), Duration.ofSeconds(5)).migrate("platform", List.of(
                migration("db/platform/V001__create_outbox.sql"), migration("db/platform/V002__outbox_subscriptions.sql")));
        store = new OutboxStore(new ObjectMapper());
        clock = new MutableClock(Instant.now()); // the outbox dates its events by the system clock
    }

    @After
    public void dropDatabase() throws SQLException {
        TestDatabases.drop(engine, db);
    }

    private SubscriptionDelivery node(String id, int batch) {
        return new SubscriptionDelivery(db, store, id, batch, Duration.ofSeconds(60), Duration.ofSeconds(30), clock);
    }

    @Test
    public void clusterHandlersRunOnceAndNodeHandlersOncePerNode() throws Exception {
        SubscriptionDelivery a = node("a", 100);
        SubscriptionDelivery b = node("b", 100);
        for (SubscriptionDelivery n : List.of(a, b)) {
            n.register(HABITS);
            n.register(SEARCH);
        }
        List<Long> placed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            placed.add(append(PLACED));
        }
        List<Long> updated = List.of(append(UPDATED), append(UPDATED));

        List<Long> habitsOnA = new ArrayList<>();
        List<Long> habitsOnB = new ArrayList<>();
        List<Long> searchOnA = new ArrayList<>();
        List<Long> searchOnB = new ArrayList<>();
        // both nodes keep polling, alternately
        for (int round = 0; round < 3; round++) {
            a.deliver(HABITS, into(habitsOnA));
            b.deliver(HABITS, into(habitsOnB));
            a.deliver(SEARCH, into(searchOnA));
            b.deliver(SEARCH, into(searchOnB));
        }
        List<Long> habits = new ArrayList<>(habitsOnA);
        habits.addAll(habitsOnB);
        assertEquals("each order event handled once in the cluster", placed, habits);
        assertEquals(updated, searchOnA);
        assertEquals(updated, searchOnB);
        assertEquals(3, TestDatabases.count(db, "SELECT COUNT(*) FROM platform_outbox_subscription"));
    }

    @Test
    public void aClusterSubscriptionIsNeverHandledByTwoNodesAtOnce() throws Exception {
        SubscriptionDelivery a = node("a", 100);
        SubscriptionDelivery b = node("b", 100);
        a.register(HABITS);
        long id = append(PLACED);
        AtomicReference<Outcome> whileAWorks = new AtomicReference<>();
        List<Long> onB = new ArrayList<>();
        Outcome onA = a.deliver(HABITS, e -> {
            try {
                whileAWorks.set(b.deliver(HABITS, into(onB)));
                // node b's registration and liveness mark never wait for node a's batch
                assertFalse(b.register(HABITS));
                b.touch(List.of(HABITS));
            } catch (SQLException ex) {
                throw new IllegalStateException(ex);
            }
        });
        assertEquals(1, onA.handled());
        assertEquals(Status.HELD_ELSEWHERE, whileAWorks.get().status());
        assertEquals(List.of(), onB);
        assertEquals(0, b.deliver(HABITS, into(onB)).handled());
        assertEquals(id, onA.passed());
    }

    @Test
    public void anAbsentHandlerKeepsItsPlaceAndCatchesUp() throws Exception {
        SubscriptionDelivery a = node("a", 3);
        a.register(SEARCH);
        long first = append(UPDATED);
        List<Long> seen = new ArrayList<>();
        a.deliver(SEARCH, into(seen));
        // the catalog bundle is being upgraded, or node a is down: events go on being published
        List<Long> missed = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            missed.add(append(UPDATED));
        }
        // back: the same node id, a new relay, a new handler instance
        SubscriptionDelivery again = node("a", 3);
        assertFalse("a known subscription keeps its place", again.register(SEARCH));
        Outcome o;
        do {
            o = again.deliver(SEARCH, into(seen));
        } while (o.more());
        List<Long> expected = new ArrayList<>(List.of(first));
        expected.addAll(missed);
        assertEquals(expected, seen);
    }

    @Test
    public void aLaterCommitOfALowerIdIsNotSkipped() throws Exception {
        SubscriptionDelivery a = node("a", 100);
        a.register(HABITS);
        List<Long> seen = new ArrayList<>();
        try (Connection slow = db.getConnection()) {
            slow.setAutoCommit(false);
            long lower = store.append(slow, PLACED, Map.of("n", "slow"));
            long higher = append(PLACED);
            assertTrue(lower < higher);
            a.deliver(HABITS, into(seen));
            assertEquals("the committed higher id goes first", List.of(higher), seen);
            clock.advance(Duration.ofSeconds(10));
            slow.commit();
            Outcome o = a.deliver(HABITS, into(seen));
            assertEquals(List.of(higher, lower), seen);
            assertFalse("the gap is closed", o.gaps());
        }
        // a rolled-back id stays a gap for the gap time, then is given up
        try (Connection rolledBack = db.getConnection()) {
            rolledBack.setAutoCommit(false);
            store.append(rolledBack, PLACED, Map.of("n", "never"));
            append(PLACED);
            rolledBack.rollback();
        }
        assertTrue(a.deliver(HABITS, into(seen)).gaps());
        clock.advance(Duration.ofSeconds(61));
        assertFalse(a.deliver(HABITS, into(seen)).gaps());
        assertEquals(3, seen.size());
    }

    @Test
    public void aThrowingHandlerIsRetriedWithBackoffAndLosesNothing() throws Exception {
        SubscriptionDelivery a = node("a", 100);
        a.register(HABITS);
        long first = append(PLACED);
        long second = append(PLACED);
        List<Long> seen = new ArrayList<>();
        int[] failures = {2};
        Consumer<OutboxEvent> flaky = e -> {
            if (e.id() == second && failures[0]-- > 0) {
                throw new IllegalStateException("customers database busy");
            }
            seen.add(e.id());
        };
        Outcome o = a.deliver(HABITS, flaky);
        assertEquals(Status.FAILED, o.status());
        assertEquals(List.of(first), seen);
        assertEquals(1, TestDatabases.count(db, "SELECT attempts FROM platform_outbox_subscription"));
        assertEquals(1, TestDatabases.count(db, "SELECT COUNT(*) FROM platform_outbox_subscription WHERE last_error LIKE '%customers database busy%'"));
        assertEquals("backing off", Status.BACKING_OFF, a.deliver(HABITS, flaky).status());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Status.FAILED, a.deliver(HABITS, flaky).status());
        assertEquals(2, TestDatabases.count(db, "SELECT attempts FROM platform_outbox_subscription"));
        clock.advance(Duration.ofMillis(999));
        assertEquals("the second wait is longer", Status.BACKING_OFF, a.deliver(HABITS, flaky).status());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Status.DONE, a.deliver(HABITS, flaky).status());
        assertEquals(List.of(first, second), seen);
        assertEquals(0, TestDatabases.count(db, "SELECT attempts FROM platform_outbox_subscription"));
        assertEquals(2, TestDatabases.count(db, "SELECT delivered FROM platform_outbox_subscription"));
    }

    @Test
    public void aBulkImportCommitsProgressOncePerBatch() throws Exception {
        SubscriptionDelivery a = node("a", 500);
        a.register(SEARCH);
        List<Map<String, Object>> payloads = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            payloads.add(Map.of("sku", "W-" + i));
        }
        try (Connection tx = db.getConnection()) {
            tx.setAutoCommit(false);
            store.appendAll(tx, UPDATED, payloads);
            tx.commit();
        }
        List<Long> seen = new ArrayList<>();
        int rounds = 0;
        Outcome o;
        do {
            o = a.deliver(SEARCH, into(seen));
            rounds++;
        } while (o.more());
        assertEquals(2000, seen.size());
        assertEquals("four full batches and one that finds nothing more", 5, rounds);
    }

    @Test
    public void aRoundDeliversEverySubscriptionInOneTransactionReadingTheirEventsOnce() throws Exception {
        SubscriptionDelivery a = node("a", 100);
        Subscription pages = new Subscription("catalog.product-pages", true, List.of("emporium/catalog/*"));
        Subscription all = new Subscription("platform.event-admin", true, List.of("*"));
        a.register(HABITS);
        a.register(SEARCH);
        a.register(pages);
        a.register(all);
        long placed = append(PLACED);
        long updated = append(UPDATED);
        List<Long> habits = new ArrayList<>();
        List<Long> search = new ArrayList<>();
        List<Long> onAll = new ArrayList<>();
        List<Long> marked = new ArrayList<>();
        long[] habitsPassedSeenMeanwhile = {-1};
        Consumer<OutboxEvent> failing = e -> {
            throw new IllegalStateException("pages cache broken");
        };
        List<Outcome> outcomes = a.deliverRound(List.of(
                new SubscriptionDelivery.Delivery(HABITS, into(habits), (tx, ids) -> { }),
                new SubscriptionDelivery.Delivery(SEARCH, e -> {
                    search.add(e.id());
                    // another connection does not see the first subscription's progress: the round has not committed
                    habitsPassedSeenMeanwhile[0] = TestDatabases.count(db,
                            "SELECT passed_id FROM platform_outbox_subscription WHERE name = 'customers.order-habits'");
                }, (tx, ids) -> { }),
                new SubscriptionDelivery.Delivery(pages, failing, (tx, ids) -> { }),
                new SubscriptionDelivery.Delivery(all, into(onAll), (tx, ids) -> marked.addAll(ids))));
        assertEquals(List.of(placed), habits);
        assertEquals(List.of(updated), search);
        assertEquals(List.of(placed, updated), onAll);
        assertEquals(List.of(placed, updated), marked);
        assertTrue("the round had not committed while it ran", habitsPassedSeenMeanwhile[0] < placed);
        assertEquals("four subscriptions at one place read the events once", 1, a.lastRoundReads);
        assertEquals(Status.DONE, outcomes.get(0).status());
        assertEquals(updated, outcomes.get(0).passed());
        assertEquals("a throwing handler stops only its own subscription", Status.FAILED, outcomes.get(2).status());
        assertEquals(Status.DONE, outcomes.get(3).status());
        assertEquals(updated, TestDatabases.count(db,
                "SELECT passed_id FROM platform_outbox_subscription WHERE name = 'customers.order-habits'"));
        assertEquals(1, TestDatabases.count(db,
                "SELECT attempts FROM platform_outbox_subscription WHERE name = 'catalog.product-pages'"));
        // the next round finds nothing for those that passed everything, and reads at each place once
        long more = append(UPDATED);
        List<Outcome> next = a.deliverRound(List.of(
                new SubscriptionDelivery.Delivery(HABITS, into(habits), (tx, ids) -> { }),
                new SubscriptionDelivery.Delivery(SEARCH, into(search), (tx, ids) -> { })));
        assertEquals(List.of(placed), habits);
        assertEquals(List.of(updated, more), search);
        assertEquals(more, next.get(0).passed());
        assertEquals(1, a.lastRoundReads);
    }

    @Test
    public void aRoundThatFailsInTheDatabaseKeepsNoProgress() throws Exception {
        SubscriptionDelivery a = node("a", 100);
        a.register(HABITS);
        a.register(SEARCH);
        append(PLACED);
        append(UPDATED);
        List<Long> seen = new ArrayList<>();
        try {
            a.deliverRound(List.of(
                    new SubscriptionDelivery.Delivery(HABITS, into(seen), (tx, ids) -> { }),
                    new SubscriptionDelivery.Delivery(SEARCH, into(seen), (tx, ids) -> {
                        throw new SQLException("disk full");
                    })));
            org.junit.Assert.fail("the database failure is thrown");
        } catch (SQLException expected) {
            assertEquals("disk full", expected.getMessage());
        }
        assertEquals("nothing of the round was kept: the events are handed again", 0, TestDatabases.count(db,
                "SELECT COUNT(*) FROM platform_outbox_subscription WHERE delivered > 0"));
        assertEquals(1, a.deliver(HABITS, into(seen)).handled());
    }

    @Test
    public void eventsEverySubscriptionPassedArePruned() throws Exception {
        SubscriptionDelivery a = node("a", 100);
        SubscriptionDelivery b = node("b", 100);
        a.register(SEARCH);
        b.register(SEARCH);
        for (int i = 0; i < 5; i++) {
            append(UPDATED);
        }
        a.deliver(SEARCH, e -> { });
        clock.advance(Duration.ofHours(2));
        assertEquals("node b has not passed them yet", 0, a.prune(Duration.ofHours(1), Duration.ofDays(7)));
        b.deliver(SEARCH, e -> { });
        assertEquals(0, a.prune(Duration.ofHours(3), Duration.ofDays(7)));
        assertEquals(5, a.prune(Duration.ofHours(1), Duration.ofDays(7)));
        // a node gone for good holds nothing back once forgotten
        append(UPDATED);
        a.deliver(SEARCH, e -> { });
        clock.advance(Duration.ofDays(8));
        a.touch(List.of(SEARCH));
        assertEquals(1, a.prune(Duration.ofHours(1), Duration.ofDays(7)));
    }

    @Test
    public void twoNodesClaimAScheduleSlotOnce() {
        JobSlots a = new JobSlots(db, "a", clock);
        JobSlots b = new JobSlots(db, "b", clock);
        assertTrue(a.claim("inventory.sync.acme", 42));
        assertFalse(b.claim("inventory.sync.acme", 42));
        assertFalse(a.claim("inventory.sync.acme", 42));
        assertTrue(b.claim("inventory.sync.acme", 43));
        assertTrue(b.claim("security.backup", 42));
        clock.advance(Duration.ofDays(8));
        assertEquals(3, a.prune(Duration.ofDays(7)));
    }

    private static Consumer<OutboxEvent> into(List<Long> ids) {
        return e -> ids.add(e.id());
    }

    private long append(String topic) throws SQLException {
        try (Connection tx = db.getConnection()) {
            tx.setAutoCommit(false);
            long id = store.append(tx, topic, Map.of("sku", "W-1"));
            tx.commit();
            return id;
        }
    }

    private static Migration migration(String path) throws IOException {
        try (InputStream in = SubscriptionDeliveryTest.class.getClassLoader().getResourceAsStream(path)) {
            return Migration.fromResource(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
