package dev.emporium.inventory.internal.stock;

import dev.emporium.inventory.api.LocationKind;
import dev.emporium.inventory.api.LocationStock;
import dev.emporium.inventory.api.SkuStock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads of a SKU's stock shared by the stock and reservation books. */
final class StockQueries {

    private StockQueries() {
    }

    /** The SKU's stock as this transaction sees it, or empty when there is no inventory item for it. */
    static Optional<SkuStock> stock(Connection c, String sku) throws SQLException {
        Boolean discontinued = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT discontinued FROM inventory_item WHERE sku = ?")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    discontinued = rs.getBoolean(1);
                }
            }
        }
        if (discontinued == null) {
            return Optional.empty();
        }
        List<LocationStock> locations = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT s.location, l.kind, s.on_hand, s.reserved, s.safety_stock
                FROM inventory_stock s JOIN inventory_location l ON l.code = s.location
                WHERE s.sku = ?
                ORDER BY l.priority, s.location""")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long onHand = rs.getLong(3);
                    long reserved = rs.getLong(4);
                    long safety = rs.getLong(5);
                    locations.add(new LocationStock(rs.getString(1), LocationKind.valueOf(rs.getString(2)), onHand, reserved, safety,
                            Availability.of(onHand, reserved, safety)));
                }
            }
        }
        return Optional.of(summarize(sku, discontinued, locations));
    }

    /** Sums the locations; a discontinued SKU has nothing to sell whatever is on the shelf. */
    static SkuStock summarize(String sku, boolean discontinued, List<LocationStock> locations) {
        long available = 0;
        long onHand = 0;
        long reserved = 0;
        for (LocationStock l : locations) {
            available += l.available();
            onHand += l.onHand();
            reserved += l.reserved();
        }
        if (discontinued) {
            available = 0;
        }
        return new SkuStock(sku, available, available > 0, discontinued, onHand, reserved, locations);
    }

    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
