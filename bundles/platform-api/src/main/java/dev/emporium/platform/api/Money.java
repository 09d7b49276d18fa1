package dev.emporium.platform.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in an ISO 4217 currency, scaled to the currency's minor unit. Rendered as a decimal string, never a double.
 */
public record Money(BigDecimal amount, String currency) {

    /** Digits before the decimal point: what every department's DECIMAL(19, 4) money column stores. */
    private static final int INTEGER_DIGITS = 15;

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Currency c;
        try {
            c = Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an ISO 4217 currency code: " + currency);
        }
        // checked before any scaling: 1E+400000 is a short string but a huge number to scale, and no table stores it
        if (amount.precision() - amount.scale() > INTEGER_DIGITS) {
            String shown = amount.toString();
            throw new IllegalArgumentException("amounts have at most " + INTEGER_DIGITS + " digits before the decimal point: "
                    + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown));
        }
        int digits = Math.max(c.getDefaultFractionDigits(), 0);
        if (amount.stripTrailingZeros().scale() > digits) {
            throw new IllegalArgumentException(currency + " amounts have at most " + digits + " decimals: " + amount.toPlainString());
        }
        amount = amount.setScale(digits, RoundingMode.UNNECESSARY);
    }

    /** Parses a decimal string such as {@code "12.50"}. */
    public static Money of(String amount, String currency) {
        try {
            return new Money(new BigDecimal(amount), currency);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal amount: " + amount);
        }
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money times(long quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
    }

    /** -1, 0 or 1 as the amount is below, at or above zero (not a bean getter, so JSON keeps amount and currency only). */
    public int signum() {
        return amount.signum();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot add " + other.currency + " to " + currency);
        }
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }
}
