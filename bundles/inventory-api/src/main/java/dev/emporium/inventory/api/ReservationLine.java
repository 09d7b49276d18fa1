package dev.emporium.inventory.api;

/** A quantity of one SKU to hold for a checkout. */
public record ReservationLine(String sku, long quantity) {
}
