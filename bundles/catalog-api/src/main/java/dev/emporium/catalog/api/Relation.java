package dev.emporium.catalog.api;

/** One product's relation to another: {@code sku} relates to {@code relatedSku} as {@code kind}. */
public record Relation(String sku, RelationKind kind, String relatedSku, String reason) {
}
