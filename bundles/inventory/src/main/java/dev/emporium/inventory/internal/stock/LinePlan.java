package dev.emporium.inventory.internal.stock;

import dev.emporium.inventory.api.ReservationLine;
import dev.emporium.inventory.api.ReservedLine;

import java.util.ArrayList;
import java.util.List;

/** Where a reservation line should take its units from, given what each location has available. */
final class LinePlan {

    /** What one location has available to sell. */
    record Offer(String location, long available) {
    }

    private LinePlan() {
    }

    /**
     * One shipment where possible: the first location (by priority) that has the whole quantity; otherwise the
     * locations in priority order, each giving what it has.
     *
     * @param offers the SKU's locations in priority order
     * @return the parts, or empty when all locations together do not have the quantity
     */
    static List<ReservedLine> plan(ReservationLine line, List<Offer> offers) {
        for (Offer o : offers) {
            if (o.available() >= line.quantity()) {
                return List.of(new ReservedLine(line.sku(), o.location(), line.quantity()));
            }
        }
        List<ReservedLine> parts = new ArrayList<>();
        long missing = line.quantity();
        for (Offer o : offers) {
            if (missing == 0) {
                break;
            }
            long part = Math.min(missing, o.available());
            if (part > 0) {
                parts.add(new ReservedLine(line.sku(), o.location(), part));
                missing -= part;
            }
        }
        return missing == 0 ? parts : List.of();
    }
}
