package dev.emporium.orders.internal.payment;

import dev.emporium.orders.api.PaymentProvider;
import dev.emporium.orders.api.PaymentRequest;
import dev.emporium.orders.api.PaymentResult;
import dev.emporium.orders.api.RefundRequest;
import org.osgi.service.component.annotations.Component;

/**
 * {@code bank-transfer}: the buyer wires the money with the order number as reference; the order awaits payment until
 * an admin sees it arrive and marks it paid. A refund is wired back by an admin: it is pending.
 */
@Component(service = PaymentProvider.class)
public class BankTransfer implements PaymentProvider {

    public static final String METHOD = "bank-transfer";

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public boolean paysAtOnce() {
        return false;
    }

    /** The money came by transfer and goes back the same way: an admin wires it back, so the refund is pending. */
    @Override
    public PaymentResult refund(RefundRequest request) {
        return PaymentResult.pending("refund-" + request.orderNumber(),
                "wire " + request.amount() + " back to the buyer with reference refund-" + request.orderNumber());
    }

    @Override
    public PaymentResult charge(PaymentRequest request) {
        return PaymentResult.pending(request.orderNumber(),
                "transfer " + request.amount() + " with reference " + request.orderNumber());
    }
}
