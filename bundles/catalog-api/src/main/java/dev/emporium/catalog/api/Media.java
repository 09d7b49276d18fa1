package dev.emporium.catalog.api;

/** An image or video of a product, with its alternative text. */
public record Media(String url, String alt) {
}
