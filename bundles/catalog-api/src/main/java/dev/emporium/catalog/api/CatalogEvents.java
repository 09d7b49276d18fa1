package dev.emporium.catalog.api;

import dev.emporium.platform.api.EventTopics;

/** Topics the catalog publishes through the outbox; payloads carry at least {@code sku}, but for {@link #TYPE_DEFINED}. */
public final class CatalogEvents {

    public static final String PRODUCT_CREATED = EventTopics.of("catalog", "PRODUCT_CREATED");
    public static final String PRODUCT_UPDATED = EventTopics.of("catalog", "PRODUCT_UPDATED");
    public static final String PRODUCT_PUBLISHED = EventTopics.of("catalog", "PRODUCT_PUBLISHED");
    public static final String PRODUCT_ARCHIVED = EventTopics.of("catalog", "PRODUCT_ARCHIVED");
    /** Payload: sku, sellable (boolean), reason. */
    public static final String SELLABLE_CHANGED = EventTopics.of("catalog", "SELLABLE_CHANGED");
    /** Payload: sku, reviewId, rating, verifiedBuyer. */
    public static final String REVIEW_ADDED = EventTopics.of("catalog", "REVIEW_ADDED");
    /** Payload: sku, reviewId, status. */
    public static final String REVIEW_STATUS_CHANGED = EventTopics.of("catalog", "REVIEW_STATUS_CHANGED");
    /** A product's buyer rating aggregate changed. Payload: sku, average (decimal string, absent when unrated), count. */
    public static final String RATING_CHANGED = EventTopics.of("catalog", "RATING_CHANGED");
    /** A critic's rating or a press mention of a product was added or removed. Payload: sku. */
    public static final String EVIDENCE_CHANGED = EventTopics.of("catalog", "EVIDENCE_CHANGED");
    /** A product's relations to other products changed. Payload: sku. */
    public static final String RELATIONS_CHANGED = EventTopics.of("catalog", "RELATIONS_CHANGED");
    /**
     * A product type was defined or redefined (its attributes, which products show in their typed form and search
     * counts as facets). Payload: type (its code). Since 1.2.
     */
    public static final String TYPE_DEFINED = EventTopics.of("catalog", "TYPE_DEFINED");

    private CatalogEvents() {
    }
}
