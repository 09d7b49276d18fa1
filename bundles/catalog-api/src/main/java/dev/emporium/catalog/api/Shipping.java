package dev.emporium.catalog.api;

/** What shipping needs to know of one unit: weight in grams and dimensions in millimetres. */
public record Shipping(int weightGrams, int lengthMm, int widthMm, int heightMm) {
}
