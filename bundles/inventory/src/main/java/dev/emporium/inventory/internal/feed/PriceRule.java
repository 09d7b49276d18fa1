package dev.emporium.inventory.internal.feed;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/**
 * How a selling price follows a supplier's cost: the cost plus a markup, rounded up to a price ending (such as .99) or a
 * step (such as 0.05), never under a minimum gross margin ((price - cost) / price).
 *
 * @param markupPercent        added to the cost; 0 turns price proposals off
 * @param rounding             {@code none} (the currency's minor unit), {@code .99} (the next price ending in .99), or a
 *                             step such as {@code 0.05}, {@code 0.10} or {@code 1}
 * @param minimumMarginPercent the lowest gross margin a proposed price may give, under 100
 */
public record PriceRule(BigDecimal markupPercent, String rounding, BigDecimal minimumMarginPercent) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Reads the configured texts; throws IllegalArgumentException naming the bad setting. */
    public static PriceRule of(String markupPercent, String rounding, String minimumMarginPercent) {
        BigDecimal markup = decimal("priceMarkupPercent", markupPercent);
        BigDecimal minimum = decimal("priceMinimumMarginPercent", minimumMarginPercent);
        if (markup.signum() < 0) {
            throw new IllegalArgumentException("priceMarkupPercent: must be 0 (no proposals) or more");
        }
        if (minimum.signum() < 0 || minimum.compareTo(HUNDRED) >= 0) {
            throw new IllegalArgumentException("priceMinimumMarginPercent: must be at least 0 and under 100");
        }
        String r = rounding == null || rounding.isBlank() ? "none" : rounding.strip().toLowerCase(Locale.ROOT);
        if (!r.equals("none") && !r.equals(".99") && !r.equals("0.99")) {
            BigDecimal step = decimal("priceRounding", r);
            if (step.signum() <= 0) {
                throw new IllegalArgumentException("priceRounding: 'none', '.99' or a positive step such as 0.05");
            }
        }
        return new PriceRule(markup, r.equals("0.99") ? ".99" : r, minimum);
    }

    private static BigDecimal decimal(String setting, String text) {
        try {
            return new BigDecimal(text == null || text.isBlank() ? "0" : text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + ": '" + text + "' is not a decimal number");
        }
    }

    public boolean enabled() {
        return markupPercent.signum() > 0;
    }

    /** The price this rule asks for a cost in a currency, or empty when the rule is off. */
    public Optional<BigDecimal> price(BigDecimal cost, String currency) {
        if (!enabled()) {
            return Optional.empty();
        }
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        BigDecimal price = round(cost.multiply(BigDecimal.ONE.add(markupPercent.divide(HUNDRED, MathContext.DECIMAL64))), digits);
        BigDecimal keep = BigDecimal.ONE.subtract(minimumMarginPercent.divide(HUNDRED, MathContext.DECIMAL64));
        if (price.signum() == 0 || price.subtract(cost).divide(price, MathContext.DECIMAL64).compareTo(BigDecimal.ONE.subtract(keep)) < 0) {
            price = round(cost.divide(keep, MathContext.DECIMAL64), digits);
        }
        return Optional.of(price.setScale(digits, RoundingMode.UNNECESSARY));
    }

    /** Rounds up: to the currency's minor unit, to the next .99 ending, or to the next multiple of the step. */
    private BigDecimal round(BigDecimal value, int digits) {
        BigDecimal unit = value.setScale(digits, RoundingMode.CEILING);
        if (rounding.equals("none")) {
            return unit;
        }
        if (rounding.equals(".99")) {
            if (digits < 2) {
                return unit;
            }
            BigDecimal candidate = unit.setScale(0, RoundingMode.FLOOR).add(new BigDecimal("0.99"));
            return (candidate.compareTo(unit) >= 0 ? candidate : candidate.add(BigDecimal.ONE)).setScale(digits, RoundingMode.UNNECESSARY);
        }
        BigDecimal step = new BigDecimal(rounding);
        BigDecimal steps = value.divide(step, 0, RoundingMode.CEILING);
        return steps.multiply(step).setScale(digits, RoundingMode.CEILING);
    }
}
