package dev.emporium.catalog.api;

/** How one product relates to another, from the first product's point of view. */
public enum RelationKind {
    /** An alternative to it. */
    SIMILAR,
    /** Goes well with it. */
    COMPLEMENTARY,
    /** A better, dearer choice instead of it. */
    UP_SELL,
    /** Often bought with it. */
    CROSS_SELL
}
