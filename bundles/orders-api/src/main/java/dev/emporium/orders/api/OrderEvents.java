package dev.emporium.orders.api;

import dev.emporium.platform.api.EventTopics;

/**
 * The topics orders publishes through the outbox. Every payload carries {@code number} (the order number),
 * {@code status}, {@code email} and, for a signed-in buyer, {@code customerId}. Every transition also carries
 * {@code previousStatus}.
 * <ul>
 * <li>{@code ORDER_PLACED} carries {@code skus} (an array of SKU strings), {@code subtotal}, {@code shipping},
 * {@code tax}, {@code total} (decimal strings) and {@code currency}, and {@code lines}, each with {@code sku},
 * {@code units} (packSize × quantity), {@code packSize}, {@code quantity}, {@code unitPrice} (what one unit cost:
 * {@code lineTotal} over {@code units}, rounded half up to the currency's minor unit), {@code packPrice} (the price of
 * one pack as checked out, the unit price when packSize is 1), {@code lineTotal} (decimal strings in
 * {@code currency}), and,
 * when the catalog had them at checkout, {@code brand} and {@code productType} (the catalog's product type code,
 * such as {@code wine}).</li>
 * <li>{@code ORDER_SHIPPED} carries {@code carrier} and {@code trackingNumber}.</li>
 * <li>{@code ORDER_CANCELLED} carries {@code reason} when one was given; a cancelled paid order also carries
 * {@code restocked} (true) and {@code refund}.</li>
 * <li>{@code ORDER_RETURNED} carries {@code reason} when one was given, {@code restocked} (whether the units went back
 * to stock) and {@code refund}.</li>
 * <li>{@code refund} is an object with {@code outcome} ({@code APPROVED}: refunded now; {@code PENDING}: to be paid
 * back outside the store, such as by a bank transfer), {@code reference}, {@code amount} and {@code currency}.</li>
 * </ul>
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
    /** A shipped or delivered order came back: restocked and refunded. */
    public static final String ORDER_RETURNED = EventTopics.of(DEPARTMENT, "ORDER_RETURNED");

    private OrderEvents() {
    }
}
