package dev.emporium.orders.api;

import java.util.Set;

/**
 * Where an order is in its life. An order is placed, then paid (at checkout by card, or later when an admin sees a
 * bank transfer arrive), packed, shipped and delivered; it can be cancelled until it is shipped, and returned once
 * shipped (sent back by the buyer, or refused on delivery).
 */
public enum OrderStatus {
    PLACED, AWAITING_PAYMENT, PAID, PACKED, SHIPPED, DELIVERED, CANCELLED, RETURNED;

    /** The statuses this one may move to. */
    public Set<OrderStatus> next() {
        return switch (this) {
            case PLACED, AWAITING_PAYMENT -> Set.of(PAID, CANCELLED);
            case PAID -> Set.of(PACKED, CANCELLED);
            case PACKED -> Set.of(SHIPPED, CANCELLED);
            case SHIPPED -> Set.of(DELIVERED, RETURNED);
            case DELIVERED -> Set.of(RETURNED);
            case CANCELLED, RETURNED -> Set.of();
        };
    }

    public boolean mayBecome(OrderStatus target) {
        return next().contains(target);
    }

    /** True while the order's stock is held but not yet taken (the reservation is not committed). */
    public boolean holdsReservation() {
        return this == PLACED || this == AWAITING_PAYMENT;
    }

    /** True once the stock was taken and the money asked for: undoing such an order restocks and refunds. */
    public boolean wasPaid() {
        return this == PAID || this == PACKED || this == SHIPPED || this == DELIVERED;
    }
}
