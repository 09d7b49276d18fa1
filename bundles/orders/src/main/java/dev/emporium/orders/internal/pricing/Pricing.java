package dev.emporium.orders.internal.pricing;

import dev.emporium.catalog.api.PackPrice;
import dev.emporium.catalog.api.Product;
import dev.emporium.orders.api.CartLine;
import dev.emporium.orders.api.Totals;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.Money;
import dev.emporium.platform.api.ValidationException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The store's prices: a line's price from the catalog, and a cart's totals. Catalog prices are before tax; tax is the
 * shipping country's rate of subtotal plus shipping, rounded half up to the currency's minor unit. Shipping is priced
 * on the parcel's chargeable weight, the greater of its weight and its volumetric weight (carriers charge a light
 * bulky parcel for the room it takes): volume in mm³ divided by {@code volumetricDivisor}, in grams (a divisor of 5000
 * is the carriers' usual 5000 cm³ per kilogram).
 */
public record Pricing(String currency, TaxRates taxes, ShippingRates shipping, long volumetricDivisor) {

    /** The carriers' usual divisor: 5000 cm³ per kilogram, so mm³ / 5000 is grams. */
    public static final long USUAL_DIVISOR = 5000;

    /** Parses the configured tables, with the usual volumetric divisor. */
    public static Pricing of(String currency, String taxRates, String shippingRates) {
        return of(currency, taxRates, shippingRates, USUAL_DIVISOR);
    }

    /** Parses the configured tables. @throws IllegalArgumentException naming the bad setting */
    public static Pricing of(String currency, String taxRates, String shippingRates, long volumetricDivisor) {
        if (volumetricDivisor <= 0) {
            throw new IllegalArgumentException("volumetricDivisor: is a positive whole number, such as 5000, not " + volumetricDivisor);
        }
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("currency: not an ISO 4217 code: " + currency);
        }
        return new Pricing(currency, TaxRates.parse(taxRates), ShippingRates.parse(shippingRates), volumetricDivisor);
    }

    /**
     * The price of one pack of {@code packSize} units of a product (the unit price for 1).
     *
     * @throws ValidationException when the catalog has no price for that pack size
     * @throws ConflictException   when the product is priced in another currency than the store's
     */
    public Money packPrice(Product product, int packSize) {
        Money price;
        if (packSize == 1) {
            price = product.price();
        } else {
            price = product.packPrices().stream().filter(p -> p.size() == packSize).map(PackPrice::price).findFirst()
                    .orElseThrow(() -> new ValidationException("packSize", product.sku() + " is sold "
                            + (product.packPrices().isEmpty() ? "by the unit only" : "by the unit or in packs of "
                            + product.packPrices().stream().map(p -> String.valueOf(p.size())).collect(Collectors.joining(", ")))));
        }
        if (price == null) {
            throw new ConflictException(product.sku() + " has no price in the catalog");
        }
        if (!price.currency().equals(currency)) {
            throw new ConflictException(product.sku() + " is priced in " + price.currency() + ", the store sells in " + currency);
        }
        return price;
    }

    public Money zero() {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** The totals of lines whose volume is unknown, shipped to {@code country} (null: the default tax rate). */
    public Totals totals(List<CartLine> lines, String country) {
        return totals(lines, 0, country);
    }

    /**
     * The totals of lines taking {@code volumeMm3} in all, shipped to {@code country} (null: the default tax rate);
     * shipping on the greater of their weight and their volumetric weight.
     */
    public Totals totals(List<CartLine> lines, long volumeMm3, String country) {
        Money subtotal = zero();
        long weight = 0;
        for (CartLine line : lines) {
            subtotal = subtotal.plus(line.lineTotal());
            weight += line.weightGrams();
        }
        Money ship = lines.isEmpty() ? zero() : money(shipping.price(chargeableGrams(weight, volumeMm3)));
        BigDecimal rate = taxes.rate(country).stripTrailingZeros();
        Money tax = money(subtotal.plus(ship).amount().multiply(rate));
        return new Totals(subtotal, ship, rate, tax, subtotal.plus(ship).plus(tax), weight);
    }

    /** The weight a parcel is charged for: the greater of its weight and its volume over the divisor (rounded up). */
    public long chargeableGrams(long weightGrams, long volumeMm3) {
        long volumetric = volumeMm3 <= 0 ? 0 : (volumeMm3 + volumetricDivisor - 1) / volumetricDivisor;
        return Math.max(weightGrams, volumetric);
    }

    /** The volume of one unit of a product in mm³, 0 when the catalog gives no dimensions. */
    public static long unitVolume(Product product) {
        if (product.shipping() == null) {
            return 0;
        }
        return Math.max(0, (long) product.shipping().lengthMm()) * Math.max(0, product.shipping().widthMm())
                * Math.max(0, product.shipping().heightMm());
    }

    /** An amount rounded half up to the currency's minor unit. */
    public Money money(BigDecimal amount) {
        int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return new Money(amount.setScale(digits, RoundingMode.HALF_UP), currency);
    }

    /** A cart line priced at {@code packPrice}, with the product's unit weight. */
    public static CartLine line(String sku, String name, int packSize, long quantity, Money packPrice, long unitWeightGrams) {
        long units = Math.multiplyExact((long) packSize, quantity);
        return new CartLine(sku, name, packSize, quantity, units, packPrice, packPrice.times(quantity),
                Math.multiplyExact(units, unitWeightGrams));
    }
}
