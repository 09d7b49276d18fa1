package dev.emporium.orders.api;

import java.time.Instant;
import java.util.List;

/**
 * An order. {@code customerId} is null for a guest; {@code carrier} and {@code trackingNumber} are set once shipped.
 */
public record Order(String number, OrderStatus status, String customerId, String email, Address shippingAddress,
                    String paymentMethod, String paymentReference, List<OrderLine> lines, Totals totals,
                    String carrier, String trackingNumber, Instant placedAt, Instant updatedAt) {

    public Order {
        lines = List.copyOf(lines);
    }
}
