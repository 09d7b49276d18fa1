package dev.emporium.orders.internal.payment;

import dev.emporium.orders.api.PaymentProvider;
import dev.emporium.orders.api.PaymentRequest;
import dev.emporium.orders.api.PaymentResult;
import dev.emporium.orders.api.RefundRequest;
import dev.emporium.platform.api.FieldError;
import org.osgi.service.component.annotations.Component;

import java.util.List;
import java.util.Map;

/**
 * {@code test-card}: a card provider for tests and demos that never leaves the process. A card number ending in
 * {@value #DECLINED_SUFFIX} is declined; any other well-formed number (12 to 19 digits, spaces allowed) is approved.
 * Refunds of its own charges are approved at once.
 */
@Component(service = PaymentProvider.class)
public class TestCard implements PaymentProvider {

    public static final String METHOD = "test-card";
    public static final String DECLINED_SUFFIX = "0002";

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public List<FieldError> check(Map<String, String> details) {
        String card = details.get("cardNumber");
        if (card == null || card.isBlank()) {
            return List.of(new FieldError("cardNumber", "is required to pay by test-card"));
        }
        if (!digits(card).matches("\\d{12,19}")) {
            return List.of(new FieldError("cardNumber", "is 12 to 19 digits"));
        }
        return List.of();
    }

    @Override
    public PaymentResult charge(PaymentRequest request) {
        String card = digits(request.details().getOrDefault("cardNumber", ""));
        String reference = "test-" + request.idempotencyKey();
        if (card.endsWith(DECLINED_SUFFIX)) {
            return PaymentResult.declined(reference, "the card ending in " + DECLINED_SUFFIX + " was declined");
        }
        return PaymentResult.approved(reference);
    }

    /**
     * Refunds at once any charge this provider approved (its references start with {@code test-}); the reference of
     * the refund is derived from the refund's key, so asking twice refunds once.
     */
    @Override
    public PaymentResult refund(RefundRequest request) {
        String charge = request.paymentReference();
        if (charge == null || !charge.startsWith("test-")) {
            return PaymentResult.declined(null, "test-card did not take this payment (" + charge + ")");
        }
        if (request.amount() == null || request.amount().amount().signum() <= 0) {
            return PaymentResult.declined(null, "a refund is of a positive amount");
        }
        return PaymentResult.approved("test-refund-" + request.idempotencyKey());
    }

    private static String digits(String card) {
        return card.replace(" ", "");
    }
}
