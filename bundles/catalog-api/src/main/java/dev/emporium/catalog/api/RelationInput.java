package dev.emporium.catalog.api;

/** What an editor says: the product relates to {@code sku} as {@code kind}, with an optional reason shown to buyers. */
public record RelationInput(RelationKind kind, String sku, String reason) {
}
