package dev.emporium.inventory.api;

/**
 * An admin's change of the stock at one location, with its reason: exactly one of {@code delta} (added to on hand) or
 * {@code set} (the counted on hand); {@code safetyStock} optionally replaces the location's safety stock.
 *
 * @param actor who makes the change, for the audit trail
 */
public record StockAdjustment(String sku, String location, Long delta, Long set, Long safetyStock, String reason, String actor) {
}
