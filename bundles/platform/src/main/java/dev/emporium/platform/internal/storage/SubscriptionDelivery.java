package dev.emporium.platform.internal.storage;

import dev.emporium.platform.api.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox events to durable subscriptions for one node. A subscription's progress is a row of
 * {@code platform_outbox_subscription}: per subscription for the cluster scope, per subscription and node for the node
 * scope. A batch is handled while that row is locked ({@code FOR UPDATE SKIP LOCKED}: another node holding it is
 * skipped, never waited for), and its progress is written in the same transaction once the batch is through, so a
 * crash in between hands the batch again (at least once) and a 100,000-event import costs one commit per batch, not
 * per event. A handler that throws stops its subscription at that event: the attempt and the error are recorded and
 * the event is handed again after a backoff, while other subscriptions go on.
 */
public final class SubscriptionDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionDelivery.class);
    /** The node column of a cluster-scope row. */
    static final String CLUSTER = "";

    /** What a delivery round did. */
    public record Outcome(int handled, int read, boolean more, Status status, long passed, boolean gaps) {
        static Outcome of(Status status) {
            return new Outcome(0, 0, false, status, -1, false);
        }
    }

    /** Why a round ended. */
    public enum Status { DONE, FAILED, BACKING_OFF, HELD_ELSEWHERE, UNKNOWN }

    /** Work done with the ids a batch handled, in the batch's transaction (Event Admin marks them delivered). */
    @FunctionalInterface
    public interface BatchEnd {
        void handled(Connection tx, List<Long> ids) throws SQLException;
    }

    /** A subscription's row, for status and pruning. */
    public record State(String name, String node, long passed, String gaps, long delivered, int attempts, String lastError,
                        OffsetDateTime retryAt, OffsetDateTime seenAt) {
    }

    private final DataSource dataSource;
    private final OutboxStore store;
    private final String node;
    private final int batchSize;
    private final Duration gapWait;
    private final Duration maxBackoff;
    private final Clock clock;

    public SubscriptionDelivery(DataSource dataSource, OutboxStore store, String node, int batchSize, Duration gapWait,
                                Duration maxBackoff, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.store = Objects.requireNonNull(store, "store");
        this.node = Objects.requireNonNull(node, "node");
        if (node.isBlank()) {
            throw new IllegalArgumentException("a node needs an id");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        this.batchSize = batchSize;
        this.gapWait = gapWait;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
    }

    public String node() {
        return node;
    }

    private String rowNode(Subscription s) {
        return s.perNode() ? node : CLUSTER;
    }

    /**
     * Makes sure the subscription has its row. A subscription seen for the first time starts with the events published
     * from about now on (see {@link OutboxStore#startOfNewSubscription}; a node-scope cache rebuilds itself from the
     * database on activation).
     * A known one keeps its place, however long its handler was away.
     *
     * @return true when the row was created now
     */
    public boolean register(Subscription s) throws SQLException {
        return Transactions.inTransaction(dataSource, c -> {
            OffsetDateTime now = now();
            if (touch(c, s.name(), rowNode(s), now)) {
                return false;
            }
            long last = store.startOfNewSubscription(c);
            return Transactions.insertIfAbsent(c, tx -> {
                try (PreparedStatement ps = tx.prepareStatement("""
                        INSERT INTO platform_outbox_subscription (name, node, passed_id, delivered, attempts, created_at, updated_at, seen_at)
                        VALUES (?, ?, ?, 0, 0, ?, ?, ?)""")) {
                    ps.setString(1, s.name());
                    ps.setString(2, rowNode(s));
                    ps.setLong(3, last);
                    ps.setObject(4, now);
                    ps.setObject(5, now);
                    ps.setObject(6, now);
                    return ps.executeUpdate();
                }
            });
        });
    }

    /** Notes that this node still has the handlers of {@code subscriptions}, so pruning keeps waiting for them. */
    public void touch(Collection<Subscription> subscriptions) throws SQLException {
        if (subscriptions.isEmpty()) {
            return;
        }
        Transactions.inTransaction(dataSource, c -> {
            OffsetDateTime now = now();
            for (Subscription s : subscriptions) {
                touch(c, s.name(), rowNode(s), now);
            }
            return null;
        });
    }

    /**
     * Dates the row seen now, unless another node holds it (then that node dates it when its batch commits), so this
     * never waits for another node's batch. True when the row exists.
     */
    private static boolean touch(Connection c, String name, String node, OffsetDateTime now) throws SQLException {
        boolean mine;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT passed_id FROM platform_outbox_subscription WHERE name = ? AND node = ? FOR UPDATE SKIP LOCKED")) {
            ps.setString(1, name);
            ps.setString(2, node);
            try (ResultSet rs = ps.executeQuery()) {
                mine = rs.next();
            }
        }
        if (!mine) {
            return exists(c, name, node);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE platform_outbox_subscription SET seen_at = ? WHERE name = ? AND node = ?")) {
            ps.setObject(1, now);
            ps.setString(2, name);
            ps.setString(3, node);
            return ps.executeUpdate() == 1;
        }
    }

    /** Delivers up to one batch of {@code s}'s events to {@code handler}; see the class comment. */
    public Outcome deliver(Subscription s, Consumer<OutboxEvent> handler) throws SQLException {
        return deliver(s, handler, (tx, ids) -> { });
    }

    /** As {@link #deliver(Subscription, Consumer)}, with {@code end} run in the batch's transaction. */
    public Outcome deliver(Subscription s, Consumer<OutboxEvent> handler, BatchEnd end) throws SQLException {
        Objects.requireNonNull(handler, "handler");
        return inTransaction(c -> deliver(c, s, handler, end));
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * {@code work} in one transaction, committed when it returns and rolled back on anything else; unlike
     * {@code Transactions.inTransaction} a database failure stays a {@link SQLException}, which the relay tells apart
     * from a handler's failure.
     */
    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    /** One subscription's part of a {@link #deliverRound round}: its handler, and the work done with the ids it handled. */
    public record Delivery(Subscription subscription, Consumer<OutboxEvent> handler, BatchEnd end) {
        public Delivery {
            Objects.requireNonNull(subscription, "subscription");
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(end, "end");
        }
    }

    /**
     * Up to one batch for each of {@code deliveries}, in one transaction: each subscription's row is locked, its
     * events handled and its progress written as {@link #deliver(Subscription, Consumer, BatchEnd)} does, and the whole
     * round commits once (on H2 a commit stores every changed page, so ten subscriptions passing one import's events
     * cost one such store instead of ten). Subscriptions at the same place read the events once: a read is a snapshot,
     * and one taken a moment earlier only leaves the newest events for the next round. A handler that throws stops
     * only its own subscription, as before. A database failure rolls the round back (nothing is lost: the events are
     * handed again) and is thrown.
     *
     * @return each delivery's outcome, in order
     */
    public List<Outcome> deliverRound(List<Delivery> deliveries) throws SQLException {
        List<Outcome> outcomes = new ArrayList<>(deliveries.size());
        if (deliveries.isEmpty()) {
            return outcomes;
        }
        SharedReads reads = new SharedReads();
        inTransaction(c -> {
            for (Delivery d : deliveries) {
                outcomes.add(deliver(c, d.subscription(), d.handler(), d.end(), reads));
            }
            return null;
        });
        lastRoundReads = reads.reads;
        return outcomes;
    }

    /** How many reads of events the last committed round made (for tests). */
    volatile int lastRoundReads;

    /** The events read in a round after a place without gaps, for the next subscription at the same place. */
    static final class SharedReads {
        private long after = -1;
        private List<OutboxEvent> events;
        int reads;

        List<OutboxEvent> after(OutboxStore store, Connection c, SubscriptionCursor cursor, int limit) throws SQLException {
            if (!cursor.gaps().isEmpty()) {
                reads++;
                return store.after(c, cursor.passed(), cursor.gaps(), limit);
            }
            if (events == null || after != cursor.passed()) {
                reads++;
                events = store.after(c, cursor.passed(), List.of(), limit);
                after = cursor.passed();
            }
            return events;
        }
    }

    private Outcome deliver(Connection c, Subscription s, Consumer<OutboxEvent> handler, BatchEnd end) throws SQLException {
        return deliver(c, s, handler, end, null);
    }

    private Outcome deliver(Connection c, Subscription s, Consumer<OutboxEvent> handler, BatchEnd end, SharedReads reads)
            throws SQLException {
        long passed;
        String gapsText;
        int attempts;
        OffsetDateTime retryAt;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT passed_id, gaps, attempts, retry_at FROM platform_outbox_subscription
                WHERE name = ? AND node = ? FOR UPDATE SKIP LOCKED""")) {
            ps.setString(1, s.name());
            ps.setString(2, rowNode(s));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Outcome.of(exists(c, s.name(), rowNode(s)) ? Status.HELD_ELSEWHERE : Status.UNKNOWN);
                }
                passed = rs.getLong(1);
                gapsText = rs.getString(2);
                attempts = rs.getInt(3);
                retryAt = rs.getObject(4, OffsetDateTime.class);
            }
        }
        OffsetDateTime now = now();
        if (retryAt != null && retryAt.isAfter(now)) {
            return new Outcome(0, 0, false, Status.BACKING_OFF, passed, gapsText != null);
        }
        SubscriptionCursor cursor = new SubscriptionCursor(passed, SubscriptionCursor.parseGaps(gapsText));
        long nowMillis = now.toInstant().toEpochMilli();
        cursor.expire(nowMillis - gapWait.toMillis());
        List<OutboxEvent> events = reads == null ? store.after(c, cursor.passed(), cursor.gaps(), batchSize)
                : reads.after(store, c, cursor, batchSize);
        List<Long> handled = new ArrayList<>();
        RuntimeException failure = null;
        OutboxEvent failed = null;
        for (OutboxEvent e : events) {
            if (s.hears(e.topic())) {
                try {
                    handler.accept(e);
                } catch (RuntimeException ex) {
                    failure = ex;
                    failed = e;
                    break;
                }
                handled.add(e.id());
            }
            cursor.pass(e.id(), nowMillis);
        }
        if (cursor.dropped() > 0) {
            LOG.warn("Subscription {}: more than {} id ranges were skipped and not committed yet; the oldest {} are given up",
                    s.name(), SubscriptionCursor.MAX_GAPS, cursor.dropped());
        }
        end.handled(c, handled);
        String newGaps = cursor.gapsText();
        boolean changed = cursor.passed() != passed || !Objects.equals(newGaps, gapsText) || failure != null || attempts > 0;
        if (changed) {
            int newAttempts = failure == null ? 0 : attempts + 1;
            OffsetDateTime newRetry = failure == null ? null : now.plus(backoff(newAttempts));
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE platform_outbox_subscription
                    SET passed_id = ?, gaps = ?, delivered = delivered + ?, attempts = ?, last_error = ?, retry_at = ?,
                        updated_at = ?, seen_at = ?
                    WHERE name = ? AND node = ?""")) {
                ps.setLong(1, cursor.passed());
                ps.setString(2, newGaps);
                ps.setLong(3, handled.size());
                ps.setInt(4, newAttempts);
                ps.setString(5, failure == null ? null : OutboxStore.truncate("event " + failed.id() + ": " + failure));
                ps.setObject(6, newRetry);
                ps.setObject(7, now);
                ps.setObject(8, now);
                ps.setString(9, s.name());
                ps.setString(10, rowNode(s));
                ps.executeUpdate();
            }
        }
        if (failure != null) {
            store.recordFailure(c, failed.id(), s.name() + ": " + failure);
            if (attempts == 0) {
                LOG.warn("Subscription {} failed on event {} ({}); it is handed again after {} ms", s.name(), failed.id(),
                        failed.topic(), backoff(attempts + 1).toMillis(), failure);
            } else {
                LOG.warn("Subscription {} failed on event {} ({}) again, attempt {}: {}", s.name(), failed.id(), failed.topic(),
                        attempts + 1, failure.toString());
            }
            return new Outcome(handled.size(), events.size(), false, Status.FAILED, cursor.passed(), newGaps != null);
        }
        return new Outcome(handled.size(), events.size(), events.size() == batchSize, Status.DONE, cursor.passed(), newGaps != null);
    }

    /** 0.5 s, 1 s, 2 s, ... up to the maximum. */
    Duration backoff(int attempts) {
        long millis = 500L << Math.min(20, Math.max(0, attempts - 1));
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    private static boolean exists(Connection c, String name, String node) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM platform_outbox_subscription WHERE name = ? AND node = ?")) {
            ps.setString(1, name);
            ps.setString(2, node);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** Every subscription row of every node. */
    public List<State> states() throws SQLException {
        List<State> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT name, node, passed_id, gaps, delivered, attempts, last_error, retry_at, seen_at
                     FROM platform_outbox_subscription ORDER BY name, node""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new State(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getInt(6),
                        rs.getString(7), rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class)));
            }
        }
        return out;
    }

    /**
     * Deletes the events every subscription seen within {@code forgetAfter} has passed, once older than {@code keep}.
     * A subscription not seen for longer (its department removed, its node gone for good) no longer holds events back.
     *
     * @return how many events were deleted
     */
    public int prune(Duration keep, Duration forgetAfter) throws SQLException {
        OffsetDateTime now = now();
        long lowest = Long.MAX_VALUE;
        int live = 0;
        for (State st : states()) {
            if (st.seenAt().isBefore(now.minus(forgetAfter))) {
                continue;
            }
            live++;
            lowest = Math.min(lowest, new SubscriptionCursor(st.passed(), SubscriptionCursor.parseGaps(st.gaps())).lowestNeeded());
        }
        if (live == 0) {
            return 0;
        }
        long below = lowest;
        return Transactions.inTransaction(dataSource, c -> store.prune(c, below, now.minus(keep)));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
