package dev.emporium.orders.api;

import dev.emporium.platform.api.FieldError;

import java.util.List;
import java.util.Map;

/**
 * A way to pay, published as an OSGi service; checkout picks the provider whose {@link #method()} the buyer chose.
 * Orders ships two: {@code bank-transfer} and {@code test-card}.
 */
public interface PaymentProvider {

    /** The payment method's name, as a checkout sends it, such as {@code bank-transfer}. */
    String method();

    /**
     * True when {@link #charge} settles at once (a card); false when the money arrives later, outside the store (a
     * bank transfer), so the order waits for it with its stock held longer.
     */
    default boolean paysAtOnce() {
        return true;
    }

    /** What is wrong with the checkout's payment details, checked before any stock is held; empty when nothing. */
    default List<FieldError> check(Map<String, String> details) {
        return List.of();
    }

    /**
     * Charges, or starts waiting for, a payment. Never throws for a refused payment: a decline is a result. Asked twice
     * with one {@link PaymentRequest#idempotencyKey()}, a provider charges once.
     */
    PaymentResult charge(PaymentRequest request);
}
