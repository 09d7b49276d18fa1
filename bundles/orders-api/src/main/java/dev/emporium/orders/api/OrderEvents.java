package dev.emporium.orders.api;

import dev.emporium.platform.api.EventTopics;

/**
 * The topics orders publishes through the outbox. Every payload carries {@code number} (the order number),
 * {@code status}, {@code email} and, for a signed-in buyer, {@code customerId}. {@code ORDER_PLACED} also carries
 * {@code skus} (an array of SKU strings), {@code lines} ({@code sku}, {@code units}) and {@code total}, {@code currency};
 * {@code ORDER_SHIPPED} carries {@code carrier} and {@code trackingNumber}.
 */
public final class OrderEvents {

    /** The department name, also the first segment of orders' routes. */
    public static final String DEPARTMENT = "orders";

    public static final String ORDER_PLACED = EventTopics.of(DEPARTMENT, "ORDER_PLACED");
    public static final String ORDER_PAID = EventTopics.of(DEPARTMENT, "ORDER_PAID");
    public static final String ORDER_PACKED = EventTopics.of(DEPARTMENT, "ORDER_PACKED");
    public static final String ORDER_SHIPPED = EventTopics.of(DEPARTMENT, "ORDER_SHIPPED");
    public static final String ORDER_DELIVERED = EventTopics.of(DEPARTMENT, "ORDER_DELIVERED");
    public static final String ORDER_CANCELLED = EventTopics.of(DEPARTMENT, "ORDER_CANCELLED");

    private OrderEvents() {
    }
}
