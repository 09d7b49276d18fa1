package dev.emporium.orders.internal.checkout;

import dev.emporium.orders.api.Address;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.ValidationException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a storefront sends to check a cart out.
 *
 * @param cardNumber for {@code test-card}: the card to charge
 */
public record CheckoutRequest(String cartId, String email, Address shippingAddress, String paymentMethod, String cardNumber) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    /** Every invalid field at once, or nothing. */
    public void validate(List<String> paymentMethods) {
        List<FieldError> errors = new ArrayList<>();
        if (blank(cartId)) {
            errors.add(new FieldError("cartId", "is required"));
        }
        if (blank(email)) {
            errors.add(new FieldError("email", "is required"));
        } else if (email.length() > 254 || !EMAIL.matcher(email.strip()).matches()) {
            errors.add(new FieldError("email", "is not an email address"));
        }
        if (shippingAddress == null) {
            errors.add(new FieldError("shippingAddress", "is required"));
        } else {
            required(errors, "shippingAddress.name", shippingAddress.name());
            required(errors, "shippingAddress.line1", shippingAddress.line1());
            required(errors, "shippingAddress.postalCode", shippingAddress.postalCode());
            required(errors, "shippingAddress.city", shippingAddress.city());
            if (blank(shippingAddress.country())) {
                errors.add(new FieldError("shippingAddress.country", "is required"));
            } else if (!COUNTRY.matcher(shippingAddress.country().strip()).matches()) {
                errors.add(new FieldError("shippingAddress.country", "is an ISO 3166 alpha-2 code in capitals, such as FR"));
            }
        }
        if (blank(paymentMethod)) {
            errors.add(new FieldError("paymentMethod", "is required; one of " + String.join(", ", paymentMethods)));
        } else if (!paymentMethods.contains(paymentMethod)) {
            errors.add(new FieldError("paymentMethod", "unknown; one of " + String.join(", ", paymentMethods)));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /** The address with its fields trimmed. */
    public Address address() {
        Address a = shippingAddress;
        return new Address(a.name().strip(), a.line1().strip(), blank(a.line2()) ? null : a.line2().strip(), a.postalCode().strip(),
                a.city().strip(), a.country().strip());
    }

    /** What the payment provider gets besides the amount. */
    public Map<String, String> paymentDetails() {
        Map<String, String> details = new HashMap<>();
        if (cardNumber != null) {
            details.put("cardNumber", cardNumber);
        }
        return details;
    }

    private static void required(List<FieldError> errors, String field, String value) {
        if (blank(value)) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > 200) {
            errors.add(new FieldError(field, "is at most 200 characters"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
