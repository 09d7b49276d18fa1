package dev.emporium.catalog.api;

/** A node of the category tree; {@code parent} is null at the top. */
public record Category(String code, String name, String parent) {
}
