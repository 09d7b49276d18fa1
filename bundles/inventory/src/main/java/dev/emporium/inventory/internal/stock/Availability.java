package dev.emporium.inventory.internal.stock;

/** Available to sell: what is on hand, neither held for a checkout nor kept back as safety stock. */
final class Availability {

    private Availability() {
    }

    /** On hand minus reserved minus safety stock, never below zero (safety stock may exceed what is left). */
    static long of(long onHand, long reserved, long safetyStock) {
        return Math.max(0L, onHand - reserved - safetyStock);
    }
}
