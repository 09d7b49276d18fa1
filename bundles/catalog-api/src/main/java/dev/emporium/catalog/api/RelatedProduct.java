package dev.emporium.catalog.api;

/** A product on sale shown beside another, with how and why it relates. */
public record RelatedProduct(RelationKind kind, String reason, Product product) {
}
