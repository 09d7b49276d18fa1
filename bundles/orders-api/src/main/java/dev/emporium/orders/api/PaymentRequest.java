package dev.emporium.orders.api;

import dev.emporium.platform.api.Money;

import java.util.Map;

/**
 * A charge asked of a payment provider.
 *
 * @param idempotencyKey the checkout's key: a provider that is asked twice with it must charge once
 * @param details        method-specific fields from the checkout, such as {@code cardNumber}
 */
public record PaymentRequest(String orderNumber, String idempotencyKey, Money amount, String email, Map<String, String> details) {

    public PaymentRequest {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
