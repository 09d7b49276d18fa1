package dev.emporium.orders.api;

import dev.emporium.platform.api.Money;

/**
 * A refund asked of the payment provider that charged an order.
 *
 * @param paymentReference the provider's reference of the charge, as its {@link PaymentResult#reference()} said
 * @param idempotencyKey   one per refund of an order: a provider that is asked twice with it must refund once
 * @param reason           why, for the provider's records; may be null
 */
public record RefundRequest(String orderNumber, String paymentReference, String idempotencyKey, Money amount, String reason) {
}
