package dev.emporium.platform.internal.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** Reads and writes {@code platform_outbox} rows on connections the caller owns; it never commits. */
public final class OutboxStore {

    private static final Pattern TOPIC = Pattern.compile("emporium/[a-z][a-z0-9-]*/[A-Z][A-Z0-9_]*");
    /** The width of {@code platform_outbox.last_error}. */
    static final int MAX_ERROR = 2000;

    private final ObjectMapper mapper;

    public OutboxStore(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * Writes an event in the caller's transaction, so it exists exactly when the change it announces does.
     *
     * @return the event's id
     * @throws IllegalArgumentException for a malformed topic or a payload Jackson cannot write
     */
    public long append(Connection tx, String topic, Map<String, ?> payload) throws SQLException {
        String json = json(topic, payload);
        try (PreparedStatement ps = tx.prepareStatement(INSERT, new String[] {"id"})) {
            bind(ps, topic, json, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the outbox event");
                }
                return keys.getLong(1);
            }
        }
    }

    /**
     * Writes many events of one topic in the caller's transaction as JDBC batches, in order. Every payload is
     * serialised before anything is written, so a bad one writes none.
     *
     * @throws IllegalArgumentException for a malformed topic or a payload Jackson cannot write
     */
    public void appendAll(Connection tx, String topic, List<? extends Map<String, ?>> payloads) throws SQLException {
        Objects.requireNonNull(payloads, "payloads");
        List<String> json = new ArrayList<>(payloads.size());
        checkTopic(topic);
        for (Map<String, ?> payload : payloads) {
            json.add(payloadJson(topic, payload));
        }
        if (json.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement ps = tx.prepareStatement(INSERT)) {
            int pending = 0;
            for (String one : json) {
                bind(ps, topic, one, now);
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }

    private static final String INSERT = """
            INSERT INTO platform_outbox (topic, payload, created_at, attempts)
            VALUES (?, ?, ?, 0)""";

    /** Events per JDBC batch. */
    private static final int BATCH = 500;

    private String json(String topic, Map<String, ?> payload) {
        checkTopic(topic);
        return payloadJson(topic, payload);
    }

    private static void checkTopic(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (!TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("not an event topic (emporium/<dept>/<EVENT>): " + topic);
        }
    }

    /** A payload as JSON; the topic is checked already (once per batch). */
    private String payloadJson(String topic, Map<String, ?> payload) {
        Objects.requireNonNull(payload, "payload");
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload for " + topic + " is not JSON-serialisable", e);
        }
    }

    private static void bind(PreparedStatement ps, String topic, String json, OffsetDateTime at) throws SQLException {
        ps.setString(1, topic);
        ps.setString(2, json);
        ps.setObject(3, at);
    }

    /** Event ids H2 hands out per write of its sequence's state (its default, 32, is a disk write per 32 events). */
    public static final int H2_ID_CACHE = 10_000;

    /**
     * On H2 only, lets the event ids come {@value #H2_ID_CACHE} per write of the identity's state: H2 persists that
     * state with a commit of its own every {@code CACHE} values, a store of every open transaction's changed pages
     * (with the default of 32, a tenth of a 100,000-product import's time). H2's sequence stays one counter for every
     * session, so ids keep their order; a crash skips at most the unused rest of a block, which subscriptions pass like
     * any rolled-back id. PostgreSQL is left as it is: there a cache is per session, and ids would no longer follow
     * commit order.
     *
     * @return true when the setting was changed now
     */
    public static boolean cacheIdsOnH2(Connection c) throws SQLException {
        if (!c.getMetaData().getDatabaseProductName().startsWith("H2")) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS
                WHERE TABLE_NAME = 'PLATFORM_OUTBOX' AND COLUMN_NAME = 'ID'""");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || rs.getLong(1) >= H2_ID_CACHE) {
                return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("ALTER TABLE platform_outbox ALTER COLUMN id SET CACHE " + H2_ID_CACHE)) {
            ps.execute();
        }
        return true;
    }

    /** The oldest undelivered events, at most {@code limit}, in id order. */
    public List<OutboxEvent> pending(Connection c, int limit) throws SQLException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        List<OutboxEvent> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, topic, payload, created_at, attempts
                FROM platform_outbox
                WHERE delivered_at IS NULL
                ORDER BY id
                FETCH FIRST ? ROWS ONLY""")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new OutboxEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class), rs.getInt(5)));
                }
            }
        }
        return events;
    }

    /**
     * The committed events after {@code passed} and those in {@code gaps} (ids skipped earlier whose transactions may
     * have committed since), at most {@code limit}, in id order.
     */
    public List<OutboxEvent> after(Connection c, long passed, List<SubscriptionCursor.Gap> gaps, int limit) throws SQLException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        StringBuilder sql = new StringBuilder("SELECT id, topic, payload, created_at, attempts FROM platform_outbox WHERE id > ?");
        for (int i = 0; i < gaps.size(); i++) {
            sql.append(" OR id BETWEEN ? AND ?");
        }
        sql.append(" ORDER BY id FETCH FIRST ? ROWS ONLY");
        List<OutboxEvent> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setLong(i++, passed);
            for (SubscriptionCursor.Gap g : gaps) {
                ps.setLong(i++, g.lo());
                ps.setLong(i++, g.hi());
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new OutboxEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class), rs.getInt(5)));
                }
            }
        }
        return events;
    }

    /** The highest event id written and committed so far, 0 for none. */
    public long lastId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM platform_outbox");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * Where a subscription seen for the first time starts: before the oldest event Event Admin's listeners have not
     * had yet (events of the last moments, or every pending one after an upgrade from the relay that delivered once),
     * else after the newest event.
     */
    public long startOfNewSubscription(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(id) FROM platform_outbox WHERE delivered_at IS NULL");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                long oldest = rs.getLong(1);
                if (!rs.wasNull()) {
                    return oldest - 1;
                }
            }
        }
        return lastId(c);
    }

    /**
     * Marks events delivered through Event Admin in one JDBC batch, one statement per run of consecutive ids (a bulk
     * import's events are one run per batch); marking one twice keeps its first delivery time.
     */
    public void markDelivered(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        List<Long> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE platform_outbox SET delivered_at = ?
                WHERE id BETWEEN ? AND ? AND delivered_at IS NULL""")) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            int i = 0;
            while (i < sorted.size()) {
                int j = i;
                while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                    j++;
                }
                ps.setObject(1, now);
                ps.setLong(2, sorted.get(i));
                ps.setLong(3, sorted.get(j));
                ps.addBatch();
                i = j + 1;
            }
            ps.executeBatch();
        }
    }

    /** Deletes the events below {@code belowId} written before {@code before}; returns how many. */
    public int prune(Connection c, long belowId, OffsetDateTime before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM platform_outbox WHERE id < ? AND created_at < ?")) {
            ps.setLong(1, belowId);
            ps.setObject(2, before);
            return ps.executeUpdate();
        }
    }

    /** Marks an event delivered; marking it twice keeps the first delivery time. */
    public void markDelivered(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE platform_outbox SET delivered_at = ?
                WHERE id = ? AND delivered_at IS NULL""")) {
            ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** Counts a failed delivery attempt and keeps its error, cut to the column's width; the event stays pending. */
    public void recordFailure(Connection c, long id, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE platform_outbox SET attempts = attempts + 1, last_error = ?
                WHERE id = ?""")) {
            ps.setString(1, truncate(error));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    static String truncate(String error) {
        if (error == null || error.length() <= MAX_ERROR) {
            return error;
        }
        int end = MAX_ERROR;
        // Never leave half of a surrogate pair, which PostgreSQL would reject as invalid UTF-8.
        if (Character.isHighSurrogate(error.charAt(end - 1))) {
            end--;
        }
        return error.substring(0, end);
    }
}
