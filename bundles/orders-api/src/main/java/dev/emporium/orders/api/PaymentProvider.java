package dev.emporium.orders.api;

import dev.emporium.platform.api.FieldError;

import java.util.List;
import java.util.Map;

/**
 * A way to pay, published as an OSGi service; checkout picks the provider whose {@link #method()} the buyer chose.
 * Orders ships two: {@code bank-transfer} and {@code test-card}. An order that is cancelled after payment, or
 * returned, is refunded through the provider that charged it.
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

    /**
     * Pays back an order's payment: {@code APPROVED} when the money went back now, {@code PENDING} when it is paid back
     * outside the store (a bank transfer to wire back), {@code DECLINED} when the provider refuses (nothing changes in
     * the order). Never throws for a refusal. Asked twice with one {@link RefundRequest#idempotencyKey()}, a provider
     * refunds once. A provider that cannot refund answers {@code PENDING}: someone pays back by hand.
     */
    default PaymentResult refund(RefundRequest request) {
        return PaymentResult.pending(request.paymentReference(), method() + " cannot refund by itself: pay "
                + request.amount() + " back by hand for order " + request.orderNumber());
    }
}
