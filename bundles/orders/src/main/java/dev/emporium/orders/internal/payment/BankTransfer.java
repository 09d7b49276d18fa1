package dev.emporium.orders.internal.payment;

import dev.emporium.orders.api.PaymentProvider;
import dev.emporium.orders.api.PaymentRequest;
import dev.emporium.orders.api.PaymentResult;
import org.osgi.service.component.annotations.Component;

/**
 * {@code bank-transfer}: the buyer wires the money with the order number as reference; the order awaits payment until
 * an admin sees it arrive and marks it paid.
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

    @Override
    public PaymentResult charge(PaymentRequest request) {
        return PaymentResult.pending(request.orderNumber(),
                "transfer " + request.amount() + " with reference " + request.orderNumber());
    }
}
