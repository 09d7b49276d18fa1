package dev.emporium.orders.api;

import dev.emporium.platform.api.Money;

import java.math.BigDecimal;

/**
 * What a cart or an order costs. Catalog prices are before tax; tax is {@code taxRate} of subtotal plus shipping,
 * rounded half up to the currency's minor unit.
 *
 * @param weightGrams the parcel's weight; shipping is priced on the greater of it and the parcel's volumetric weight
 *                    (its volume over a configured divisor), so a light bulky parcel may pay a higher band
 */
public record Totals(Money subtotal, Money shipping, BigDecimal taxRate, Money tax, Money total, long weightGrams) {
}
