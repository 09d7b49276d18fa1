package dev.emporium.catalog.api;

/** Where a product is in its life: only published products reach storefronts. */
public enum ProductStatus {
    DRAFT, PUBLISHED, ARCHIVED
}
