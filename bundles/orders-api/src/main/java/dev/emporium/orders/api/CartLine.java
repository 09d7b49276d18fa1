package dev.emporium.orders.api;

import dev.emporium.platform.api.Money;

/**
 * One line of a cart: {@code quantity} packs of {@code packSize} units (1 for single units) of a SKU, at the price the
 * catalog had when it was added.
 *
 * @param units     packSize × quantity, what is reserved and shipped
 * @param unitPrice the price of one pack (of one unit when packSize is 1)
 */
public record CartLine(String sku, String name, int packSize, long quantity, long units, Money unitPrice, Money lineTotal,
                       long weightGrams) {
}
