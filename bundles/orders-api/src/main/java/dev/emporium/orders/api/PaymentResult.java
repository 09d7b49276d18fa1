package dev.emporium.orders.api;

/**
 * What a payment provider answered.
 *
 * @param reference the provider's reference for the charge (or for the payment awaited)
 * @param message   for a decline, why, in words a buyer may read
 */
public record PaymentResult(Outcome outcome, String reference, String message) {

    /** Approved now, awaited (paid later, outside the store: a bank transfer), or declined. */
    public enum Outcome {
        APPROVED, PENDING, DECLINED
    }

    public static PaymentResult approved(String reference) {
        return new PaymentResult(Outcome.APPROVED, reference, null);
    }

    public static PaymentResult pending(String reference, String message) {
        return new PaymentResult(Outcome.PENDING, reference, message);
    }

    public static PaymentResult declined(String reference, String message) {
        return new PaymentResult(Outcome.DECLINED, reference, message);
    }
}
