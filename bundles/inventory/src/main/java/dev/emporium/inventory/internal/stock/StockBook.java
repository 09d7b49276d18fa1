package dev.emporium.inventory.internal.stock;

import dev.emporium.platform.api.Transactions;
import dev.emporium.inventory.api.AdjustmentRecord;
import dev.emporium.inventory.api.InventoryEvents;
import dev.emporium.inventory.api.SkuStock;
import dev.emporium.inventory.api.StockAdjustment;
import dev.emporium.inventory.api.StockAdjustments;
import dev.emporium.inventory.api.StockLevels;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.ValidationException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Stock levels and admin changes on a plain DataSource: every change is one short transaction that locks the rows it
 * changes, writes its audit row and publishes its events through the outbox.
 */
public final class StockBook implements StockLevels, StockAdjustments {

    private final DataSource dataSource;
    private final Outbox outbox;
    private final StockEvents events;
    private final Clock clock;

    public StockBook(DataSource dataSource, Outbox outbox, Clock clock, LongSupplier lowStockThreshold) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.events = new StockEvents(outbox, lowStockThreshold);
        this.clock = clock;
    }

    @Override
    public Optional<SkuStock> stock(String sku) {
        Requests.sku("sku", sku);
        return Transactions.inTransaction(dataSource, c -> StockQueries.stock(c, sku));
    }

    @Override
    public AdjustmentRecord adjust(StockAdjustment a) {
        Requests.adjustment(a);
        return Transactions.inTransaction(dataSource, c -> {
            Instant now = clock.instant();
            requireLocation(c, a.location());
            boolean discontinued = ensureItem(c, a.sku(), now);
            long[] row = lockRow(c, a.sku(), a.location());
            if (row == null) {
                Transactions.insertIfAbsent(c, tx -> {
                    try (PreparedStatement ps = tx.prepareStatement(
                            "INSERT INTO inventory_stock (sku, location, discontinued, updated_at) VALUES (?, ?, ?, ?)")) {
                        ps.setString(1, a.sku());
                        ps.setString(2, a.location());
                        ps.setBoolean(3, discontinued);
                        ps.setObject(4, StockQueries.timestamp(now));
                        return ps.executeUpdate();
                    }
                });
                row = lockRow(c, a.sku(), a.location());
            }
            long onHand = row[0];
            long reserved = row[1];
            long safety = row[2];
            long newOnHand = a.delta() != null ? onHand + a.delta() : a.set();
            long newSafety = a.safetyStock() != null ? a.safetyStock() : safety;
            if (newOnHand < 0) {
                throw new ConflictException("on hand of " + a.sku() + " at " + a.location() + " is " + onHand
                        + "; removing " + (-a.delta()) + " would make it negative");
            }
            if (newOnHand < reserved) {
                throw new ConflictException(reserved + " of " + a.sku() + " at " + a.location()
                        + " are reserved for checkouts; on hand cannot go below that (release or commit them first)");
            }
            if (newOnHand > Requests.MAX_QUANTITY) {
                throw new ValidationException(a.delta() != null ? "delta" : "set", "on hand would exceed " + Requests.MAX_QUANTITY);
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE inventory_stock SET on_hand = ?, safety_stock = ?, updated_at = ?
                    WHERE sku = ? AND location = ?""")) {
                ps.setLong(1, newOnHand);
                ps.setLong(2, newSafety);
                ps.setObject(3, StockQueries.timestamp(now));
                ps.setString(4, a.sku());
                ps.setString(5, a.location());
                ps.executeUpdate();
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO inventory_adjustment (sku, location, on_hand_before, on_hand_after, safety_stock_after, reason, actor, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"})) {
                ps.setString(1, a.sku());
                ps.setString(2, a.location());
                ps.setLong(3, onHand);
                ps.setLong(4, newOnHand);
                ps.setLong(5, newSafety);
                ps.setString(6, a.reason().strip());
                ps.setString(7, a.actor());
                ps.setObject(8, StockQueries.timestamp(now));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            events.publish(c, a.sku(), List.of(new StockEvents.RowChange(a.location(), newOnHand - onHand, 0, newSafety - safety)),
                    "adjustment", Map.of("adjustmentId", id, "location", a.location()));
            return new AdjustmentRecord(id, a.sku(), a.location(), onHand, newOnHand, newSafety, a.reason().strip(), a.actor(), now);
        });
    }

    @Override
    public SkuStock discontinue(String sku, String reason, String actor) {
        Requests.discontinuation(sku, reason, actor);
        return Transactions.inTransaction(dataSource, c -> {
            Instant now = clock.instant();
            ensureItem(c, sku, now);
            discontinue(c, outbox, sku, reason.strip(), actor, now);
            return StockQueries.stock(c, sku).orElseThrow();
        });
    }

    /**
     * Discontinues an existing inventory item in the caller's transaction and publishes {@code DISCONTINUED}.
     *
     * @return false when it already was discontinued (nothing changed, nothing published)
     */
    static boolean discontinue(Connection c, Outbox outbox, String sku, String reason, String actor, Instant now) throws SQLException {
        int changed;
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE inventory_item SET discontinued = TRUE, discontinued_reason = ?, discontinued_by = ?, discontinued_at = ?
                WHERE sku = ? AND discontinued = FALSE""")) {
            ps.setString(1, reason);
            ps.setString(2, actor);
            ps.setObject(3, StockQueries.timestamp(now));
            ps.setString(4, sku);
            changed = ps.executeUpdate();
        }
        if (changed != 1) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE inventory_stock SET discontinued = TRUE, updated_at = ? WHERE sku = ?")) {
            ps.setObject(1, StockQueries.timestamp(now));
            ps.setString(2, sku);
            ps.executeUpdate();
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sku", sku);
        payload.put("available", 0L);
        payload.put("reason", reason);
        payload.put("actor", actor);
        outbox.publish(c, InventoryEvents.DISCONTINUED, payload);
        return true;
    }

    /** The audit trail of a SKU, newest first. */
    public List<AdjustmentRecord> adjustments(String sku, int limit) {
        Requests.sku("sku", sku);
        return Transactions.inTransaction(dataSource, c -> {
            List<AdjustmentRecord> records = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, sku, location, on_hand_before, on_hand_after, safety_stock_after, reason, actor, created_at
                    FROM inventory_adjustment WHERE sku = ? ORDER BY id DESC FETCH FIRST %d ROWS ONLY""".formatted(Math.max(1, limit)))) {
                ps.setString(1, sku);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        records.add(new AdjustmentRecord(rs.getLong("id"), rs.getString("sku"), rs.getString("location"),
                                rs.getLong("on_hand_before"), rs.getLong("on_hand_after"), rs.getLong("safety_stock_after"),
                                rs.getString("reason"), rs.getString("actor"), StockQueries.instant(rs, "created_at")));
                    }
                }
            }
            return records;
        });
    }

    private static void requireLocation(Connection c, String location) throws SQLException {
        List<String> known = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT code FROM inventory_location ORDER BY priority, code");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                known.add(rs.getString(1));
            }
        }
        if (!known.contains(location)) {
            throw new ValidationException("location", "no such location; known locations: " + String.join(", ", known));
        }
    }

    /** Creates the SKU's inventory item when it is new; returns whether it is discontinued. */
    private static boolean ensureItem(Connection c, String sku, Instant now) throws SQLException {
        Boolean discontinued = discontinued(c, sku);
        if (discontinued != null) {
            return discontinued;
        }
        Transactions.insertIfAbsent(c, tx -> {
            try (PreparedStatement ps = tx.prepareStatement("INSERT INTO inventory_item (sku, created_at) VALUES (?, ?)")) {
                ps.setString(1, sku);
                ps.setObject(2, StockQueries.timestamp(now));
                return ps.executeUpdate();
            }
        });
        discontinued = discontinued(c, sku);
        if (discontinued == null) {
            throw new IllegalStateException("inventory item " + sku + " vanished");
        }
        return discontinued;
    }

    static Boolean discontinued(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT discontinued FROM inventory_item WHERE sku = ?")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    /** Locks the row and returns on hand, reserved and safety stock, or null when there is no row yet. */
    private static long[] lockRow(Connection c, String sku, String location) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT on_hand, reserved, safety_stock FROM inventory_stock WHERE sku = ? AND location = ? FOR UPDATE")) {
            ps.setString(1, sku);
            ps.setString(2, location);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)} : null;
            }
        }
    }
}
