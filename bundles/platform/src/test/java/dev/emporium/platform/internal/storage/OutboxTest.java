package dev.emporium.platform.internal.storage;

import static dev.emporium.testing.TestDatabases.count;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

@RunWith(Parameterized.class)
public class OutboxTest {

    private static final String PRODUCT_CREATED = "emporium/catalog/PRODUCT_CREATED";
    private static final String MIGRATION = "db/platform/V001__create_outbox.sql";
    private static final String SUBSCRIPTIONS = "db/platform/V002__outbox_subscriptions.sql";
    private static final String WITHOUT_PENDING_INDEX = "db/platform/V003__outbox_without_pending_index.sql";


    @Parameter
    public String engine;

    private DataSource db;
    private final ObjectMapper mapper = new ObjectMapper();
    private OutboxStore store;

    @Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    @Before
    public void createSchema() throws Exception {
        db = TestDatabases.create(engine);
        // The shipped migration itself, so the test also proves it runs on this engine.
        int version = new MigrationRunner(db, "test", Duration.ofSeconds(30), Duration.ofSeconds(5))
                .migrate("platform", List.of(Migration.fromResource(MIGRATION, resource(MIGRATION)),
                        Migration.fromResource(SUBSCRIPTIONS, resource(SUBSCRIPTIONS)),
                        Migration.fromResource(WITHOUT_PENDING_INDEX, resource(WITHOUT_PENDING_INDEX))));
        assertEquals(3, version);
        store = new OutboxStore(mapper);
    }

    @After
    public void dropDatabase() throws SQLException {
        TestDatabases.drop(engine, db);
    }

    @Test
    public void anEventIsWrittenAndMarkedDeliveredWithoutAnIndexToKeepButItsKey() throws Exception {
        // every secondary index of the outbox is written per event twice (appended, then marked delivered)
        String index = engine.equals(TestDatabases.H2)
                ? "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'PLATFORM_OUTBOX' AND INDEX_NAME = 'PLATFORM_OUTBOX_PENDING'"
                : "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'platform_outbox' AND indexname = 'platform_outbox_pending'";
        assertEquals(0, TestDatabases.count(db, index));
        long first;
        long second;
        try (Connection c = db.getConnection()) {
            first = store.append(c, PRODUCT_CREATED, Map.of("sku", "W-1"));
            second = store.append(c, PRODUCT_CREATED, Map.of("sku", "W-2"));
            assertEquals("the oldest event not delivered yet is where a new subscription starts", first - 1,
                    store.startOfNewSubscription(c));
            store.markDelivered(c, List.of(first));
            assertEquals(first, store.startOfNewSubscription(c));
            assertEquals(List.of(second), store.pending(c, 10).stream().map(OutboxEvent::id).toList());
            store.markDelivered(c, List.of(second));
            assertEquals("all delivered: after the newest", second, store.startOfNewSubscription(c));
        }
    }

    @Test
    public void onH2EventIdsComeInLargeBlocksAndStillInOrderWhilePostgreSqlIsLeftAlone() throws Exception {
        boolean h2 = engine.equals(TestDatabases.H2);
        try (Connection c = db.getConnection()) {
            assertEquals(h2, OutboxStore.cacheIdsOnH2(c));
            assertEquals("a second time changes nothing", false, OutboxStore.cacheIdsOnH2(c));
            if (h2) {
                try (PreparedStatement ps = c.prepareStatement("SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS"
                        + " WHERE TABLE_NAME = 'PLATFORM_OUTBOX' AND COLUMN_NAME = 'ID'"); ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(OutboxStore.H2_ID_CACHE, rs.getLong(1));
                }
            }
        }
        long first = appendCommitted(PRODUCT_CREATED, Map.of("sku", "A"));
        long second = appendCommitted(PRODUCT_CREATED, Map.of("sku", "B"));
        assertEquals(first + 1, second);
    }

    @Test
    public void committedEventIsDeliveredOnce() throws Exception {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("productId", "p-42");
        payload.put("name", "Château Margaux ✓");
        payload.put("price", Map.of("amount", "12.50", "currency", "EUR"));
        payload.put("tags", List.of("red", "bordeaux"));
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(5);
        long id = appendCommitted(PRODUCT_CREATED, payload);

        List<OutboxEvent> received = new ArrayList<>();
        EveryEvent delivery = new EveryEvent(db, store, 10);
        assertEquals(1, delivery.deliverPending(received::add));
        assertEquals(0, delivery.deliverPending(received::add));

        assertEquals(1, received.size());
        OutboxEvent event = received.get(0);
        assertEquals(id, event.id());
        assertEquals(PRODUCT_CREATED, event.topic());
        assertEquals(payload, mapper.readValue(event.payloadJson(), Map.class));
        assertEquals(0, event.attempts());
        assertTrue(event.createdAt() + " after " + before, event.createdAt().isAfter(before));
        assertNotNull(column(id, "delivered_at"));
    }

    @Test
    public void rolledBackEventIsNeverDelivered() throws Exception {
        try (Connection tx = db.getConnection()) {
            tx.setAutoCommit(false);
            store.append(tx, PRODUCT_CREATED, Map.of("productId", "p-rolled-back"));
            tx.rollback();
        }
        long kept = appendCommitted(PRODUCT_CREATED, Map.of("productId", "p-kept"));

        List<OutboxEvent> received = new ArrayList<>();
        assertEquals(1, new EveryEvent(db, store, 10).deliverPending(received::add));

        assertEquals(List.of(kept), ids(received));
        assertEquals(1, count(db, "SELECT COUNT(*) FROM platform_outbox"));
    }

    @Test
    public void appendDoesNotCommit() throws Exception {
        try (Connection tx = db.getConnection()) {
            tx.setAutoCommit(false);
            store.append(tx, PRODUCT_CREATED, Map.of("productId", "p-1"));
            // Another connection must not see it before the caller commits.
            assertEquals(0, new EveryEvent(db, store, 10).deliverPending(e -> { }));
            tx.commit();
        }
        assertEquals(1, new EveryEvent(db, store, 10).deliverPending(e -> { }));
    }

    @Test
    public void pendingEventsAreDeliveredAfterARestart() throws Exception {
        long first = appendCommitted(PRODUCT_CREATED, Map.of("n", 1));
        long second = appendCommitted(PRODUCT_CREATED, Map.of("n", 2));
        long third = appendCommitted(PRODUCT_CREATED, Map.of("n", 3));
        List<OutboxEvent> received = new ArrayList<>();
        assertEquals(1, new EveryEvent(db, store, 1).deliverPending(received::add));

        // A new node or a restarted bundle: nothing of the old instances survives but the database.
        OutboxStore freshStore = new OutboxStore(new ObjectMapper());
        assertEquals(2, new EveryEvent(db, freshStore, 10).deliverPending(received::add));

        assertEquals(List.of(first, second, third), ids(received));
    }

    @Test
    public void crashBetweenSinkAndMarkDeliversAgain() throws Exception {
        long id = appendCommitted(PRODUCT_CREATED, Map.of("n", 1));
        List<OutboxEvent> received = new ArrayList<>();
        // An Error stands for the node dying after the handlers ran but before the mark was committed.
        assertThrows(SimulatedCrash.class, () -> new EveryEvent(db, store, 10).deliverPending(event -> {
            received.add(event);
            throw new SimulatedCrash();
        }));

        assertEquals(1, new EveryEvent(db, new OutboxStore(new ObjectMapper()), 10).deliverPending(received::add));

        assertEquals(List.of(id, id), ids(received));
        assertEquals(0, received.get(1).attempts());
    }

    @Test
    public void failingSinkKeepsTheEventPendingAndStopsTheBatch() throws Exception {
        long first = appendCommitted(PRODUCT_CREATED, Map.of("n", 1));
        long second = appendCommitted(PRODUCT_CREATED, Map.of("n", 2));
        EveryEvent delivery = new EveryEvent(db, store, 10);
        List<Long> offered = new ArrayList<>();

        int delivered = delivery.deliverPending(event -> {
            offered.add(event.id());
            throw new IllegalStateException("handler down");
        });

        assertEquals(0, delivered);
        assertEquals("the batch stops at the failing event", List.of(first), offered);
        assertEquals(1, ((Number) column(first, "attempts")).intValue());
        assertEquals(EveryEvent.NAME + ": java.lang.IllegalStateException: handler down", column(first, "last_error"));
        assertNull(column(first, "delivered_at"));
        assertEquals(0, ((Number) column(second, "attempts")).intValue());

        List<OutboxEvent> received = new ArrayList<>();
        assertEquals(2, delivery.deliverPending(received::add));
        assertEquals(List.of(first, second), ids(received));
        assertEquals(1, received.get(0).attempts());
        assertNotNull(column(first, "delivered_at"));
    }

    @Test
    public void deliveryFollowsIdOrderAcrossBatches() throws Exception {
        List<Long> appended = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            appended.add(appendCommitted(PRODUCT_CREATED, Map.of("n", i)));
        }
        try (Connection tx = db.getConnection()) {
            tx.setAutoCommit(false);
            appended.add(store.append(tx, "emporium/orders/ORDER_PLACED", Map.of("n", 4)));
            appended.add(store.append(tx, "emporium/orders/ORDER_PAID", Map.of("n", 5)));
            tx.commit();
        }
        List<Long> sorted = new ArrayList<>(appended);
        sorted.sort(null);
        assertEquals("ids grow in append order", sorted, appended);

        EveryEvent delivery = new EveryEvent(db, store, 4);
        List<OutboxEvent> received = new ArrayList<>();
        assertEquals(4, delivery.deliverPending(received::add));
        assertEquals(2, delivery.deliverPending(received::add));
        assertEquals(0, delivery.deliverPending(received::add));

        assertEquals(appended, ids(received));
        assertEquals("emporium/orders/ORDER_PAID", received.get(5).topic());
    }

    @Test
    public void recordFailureCountsAndTruncatesTheError() throws Exception {
        long id = appendCommitted(PRODUCT_CREATED, Map.of("n", 1));
        try (Connection c = db.getConnection()) {
            store.recordFailure(c, id, "x".repeat(5000));
            store.recordFailure(c, id, "y".repeat(1999) + "😀");
        }
        assertEquals(2, ((Number) column(id, "attempts")).intValue());
        // The emoji's two UTF-16 halves do not fit into 2000 characters, and half of one is never stored.
        assertEquals("y".repeat(1999), column(id, "last_error"));
        try (Connection c = db.getConnection()) {
            store.recordFailure(c, id, "x".repeat(5000));
        }
        assertEquals("x".repeat(2000), column(id, "last_error"));
    }

    @Test
    public void rejectsMalformedTopics() throws Exception {
        try (Connection tx = db.getConnection()) {
            for (String topic : new String[] {"catalog/PRODUCT_CREATED", "emporium/Catalog/PRODUCT_CREATED",
                    "emporium/catalog/product_created", "emporium/catalog/PRODUCT_CREATED/x", "emporium//X"}) {
                assertThrows(topic, IllegalArgumentException.class, () -> store.append(tx, topic, Map.of()));
            }
        }
        assertEquals(0, count(db, "SELECT COUNT(*) FROM platform_outbox"));
    }

    @Test
    public void largePayloadsFit() throws Exception {
        String big = "z".repeat(200_000);
        appendCommitted(PRODUCT_CREATED, Map.of("blob", big));
        List<OutboxEvent> received = new ArrayList<>();
        new EveryEvent(db, store, 10).deliverPending(received::add);
        assertEquals(big, mapper.readValue(received.get(0).payloadJson(), Map.class).get("blob"));
    }

    @Test
    public void appendAllWritesEveryEventInOrderInTheCallersTransaction() throws Exception {
        List<Map<String, Object>> payloads = new ArrayList<>();
        for (int i = 0; i < 1234; i++) {
            payloads.add(Map.of("sku", "W-" + i));
        }
        try (Connection tx = db.getConnection()) {
            tx.setAutoCommit(false);
            store.appendAll(tx, PRODUCT_CREATED, payloads);
            tx.rollback();
        }
        assertEquals("rolled back with its transaction", 0, count(db, "SELECT COUNT(*) FROM platform_outbox"));
        try (Connection tx = db.getConnection()) {
            tx.setAutoCommit(false);
            store.appendAll(tx, PRODUCT_CREATED, payloads);
            store.appendAll(tx, PRODUCT_CREATED, List.of());
            tx.commit();
        }
        List<OutboxEvent> received = new ArrayList<>();
        EveryEvent delivery = new EveryEvent(db, store, 500);
        while (delivery.deliverPending(received::add) > 0) {
            // three batches
        }
        assertEquals(1234, received.size());
        for (int i = 0; i < received.size(); i++) {
            assertEquals(PRODUCT_CREATED, received.get(i).topic());
            assertEquals("{\"sku\":\"W-" + i + "\"}", received.get(i).payloadJson());
        }
    }

    @Test
    public void appendAllWritesNothingWhenOnePayloadIsBad() throws Exception {
        try (Connection tx = db.getConnection()) {
            tx.setAutoCommit(false);
            assertThrows(IllegalArgumentException.class,
                    () -> store.appendAll(tx, PRODUCT_CREATED, List.of(Map.of("sku", "W-1"), Map.of("bad", new Object()))));
            assertThrows(IllegalArgumentException.class, () -> store.appendAll(tx, "not/a/topic", List.of(Map.of("sku", "W-1"))));
            tx.commit();
        }
        assertEquals(0, count(db, "SELECT COUNT(*) FROM platform_outbox"));
    }

    private long appendCommitted(String topic, Map<String, ?> payload) throws SQLException {
        try (Connection tx = db.getConnection()) {
            tx.setAutoCommit(false);
            long id = store.append(tx, topic, payload);
            tx.commit();
            return id;
        }
    }

    private Object column(long id, String column) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM platform_outbox WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue("no outbox row " + id, rs.next());
                return rs.getObject(1);
            }
        }
    }

    private static List<Long> ids(List<OutboxEvent> events) {
        return events.stream().map(OutboxEvent::id).toList();
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = OutboxTest.class.getClassLoader().getResourceAsStream(path)) {
            assertNotNull(path, in);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * A node-scope subscription to every event from the first one on, marking events delivered per batch as the Event
     * Admin subscription does, retried without backoff.
     */
    private static final class EveryEvent {
        static final String NAME = "test.every-event";
        private final SubscriptionDelivery delivery;
        private final Subscription subscription = new Subscription(NAME, true, List.of("*"));
        private final OutboxStore store;

        EveryEvent(DataSource db, OutboxStore store, int batch) throws SQLException {
            this.store = store;
            this.delivery = new SubscriptionDelivery(db, store, "node-1", batch, Duration.ofSeconds(60), Duration.ZERO,
                    java.time.Clock.systemUTC());
            if (TestDatabases.count(db, "SELECT COUNT(*) FROM platform_outbox_subscription WHERE name = '" + NAME + "'") == 0) {
                TestDatabases.execute(db, "INSERT INTO platform_outbox_subscription (name, node, passed_id, created_at, updated_at, seen_at)"
                        + " VALUES ('" + NAME + "', 'node-1', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            }
        }

        int deliverPending(java.util.function.Consumer<OutboxEvent> sink) throws SQLException {
            return delivery.deliver(subscription, sink, store::markDelivered).handled();
        }
    }

    /** Stands for the JVM dying: not an exception a delivery loop should catch. */
    private static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;
    }
}
