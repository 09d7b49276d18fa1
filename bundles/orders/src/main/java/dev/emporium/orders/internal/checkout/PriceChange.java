package dev.emporium.orders.internal.checkout;

import dev.emporium.platform.api.Money;

/** A line whose catalog price changed since it was added to the cart: checkout applied {@code now}. */
public record PriceChange(String sku, int packSize, Money before, Money now) {
}
