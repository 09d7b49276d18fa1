package dev.emporium.support.internal.sales;

import dev.emporium.platform.api.Money;

import java.time.Instant;

/**
 * A sales follow-up: {@code kind} ABANDONED_CART or PRODUCT_QUESTION; {@code status} OPEN, WON (the customer ordered:
 * {@code creditedAgent} earns the sale), LOST or CANCELLED; {@code channel} the contact the customer consented to.
 */
public record FollowUp(long id, String kind, String customerId, String cartId, String sku, String note, String channel,
                       String status, String agent, Instant createdAt, Instant closedAt, String orderNumber,
                       String creditedAgent, Money creditedTotal) {
}
