package dev.emporium.inventory.api;

/** A quantity of one SKU held at one location. */
public record ReservedLine(String sku, String location, long quantity) {
}
