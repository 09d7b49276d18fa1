package dev.emporium.inventory.internal.stock;

import dev.emporium.inventory.api.LocationStock;
import dev.emporium.inventory.api.SkuStock;
import dev.emporium.platform.api.Outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** Publishes a SKU's stock events through the outbox, in the transaction that changed the stock. */
final class StockEvents {

    /** How one location's row changed in this transaction. */
    record RowChange(String location, long onHandDelta, long reservedDelta, long safetyStockDelta) {
    }

    private final Outbox outbox;
    private final LongSupplier lowStockThreshold;

    StockEvents(Outbox outbox, LongSupplier lowStockThreshold) {
        this.outbox = outbox;
        this.lowStockThreshold = lowStockThreshold;
    }

    /**
     * Reads the SKU's stock after the change, works out what it was before from the rows' deltas, and publishes
     * {@code STOCK_CHANGED} plus any out-of-stock, back-in-stock or low-stock transition.
     *
     * @return the SKU's stock after the change
     */
    SkuStock publish(Connection tx, String sku, List<RowChange> changes, String cause, Map<String, ?> extra) throws SQLException {
        SkuStock after = StockQueries.stock(tx, sku).orElseThrow(() -> new IllegalStateException("no inventory item " + sku));
        publish(tx, after, changes, cause, extra);
        return after;
    }

    /** As above, for a caller that knows the SKU's stock after the change (a SKU created in this very transaction). */
    void publish(Connection tx, SkuStock after, List<RowChange> changes, String cause, Map<String, ?> extra) throws SQLException {
        String sku = after.sku();
        SkuStock before = before(after, changes);
        for (String topic : StockSignals.topics(before.available(), after.available(), lowStockThreshold.getAsLong())) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("sku", sku);
            payload.put("available", after.available());
            payload.put("availableBefore", before.available());
            payload.put("onHand", after.onHand());
            payload.put("reserved", after.reserved());
            payload.put("sellable", after.sellable());
            payload.put("cause", cause);
            payload.putAll(extra);
            outbox.publish(tx, topic, payload);
        }
    }

    private static SkuStock before(SkuStock after, List<RowChange> changes) {
        List<LocationStock> locations = new ArrayList<>();
        for (LocationStock l : after.locations()) {
            long onHand = l.onHand();
            long reserved = l.reserved();
            long safety = l.safetyStock();
            for (RowChange c : changes) {
                if (c.location().equals(l.location())) {
                    onHand -= c.onHandDelta();
                    reserved -= c.reservedDelta();
                    safety -= c.safetyStockDelta();
                }
            }
            locations.add(new LocationStock(l.location(), l.kind(), onHand, reserved, safety, Availability.of(onHand, reserved, safety)));
        }
        return StockQueries.summarize(after.sku(), after.discontinued(), locations);
    }
}
