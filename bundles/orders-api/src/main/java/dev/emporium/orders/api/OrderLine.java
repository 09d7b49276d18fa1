package dev.emporium.orders.api;

import dev.emporium.platform.api.Money;

/** One line of an order, priced as checked out. */
public record OrderLine(String sku, String name, int packSize, long quantity, long units, Money unitPrice, Money lineTotal) {
}
