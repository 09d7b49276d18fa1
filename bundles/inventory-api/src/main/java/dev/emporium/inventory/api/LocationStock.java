package dev.emporium.inventory.api;

/**
 * The stock of one SKU at one location.
 *
 * @param available on hand minus reserved minus safety stock, never below zero
 */
public record LocationStock(String location, LocationKind kind, long onHand, long reserved, long safetyStock, long available) {
}
