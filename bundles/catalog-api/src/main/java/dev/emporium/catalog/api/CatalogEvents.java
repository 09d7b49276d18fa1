package dev.emporium.catalog.api;

import dev.emporium.platform.api.EventTopics;

/** Topics the catalog publishes through the outbox; payloads carry at least {@code sku}. */
public final class CatalogEvents {

    public static final String PRODUCT_CREATED = EventTopics.of("catalog", "PRODUCT_CREATED");
    public static final String PRODUCT_UPDATED = EventTopics.of("catalog", "PRODUCT_UPDATED");
    public static final String PRODUCT_PUBLISHED = EventTopics.of("catalog", "PRODUCT_PUBLISHED");
    public static final String PRODUCT_ARCHIVED = EventTopics.of("catalog", "PRODUCT_ARCHIVED");
    /** Payload: sku, sellable (boolean), reason. */
    public static final String SELLABLE_CHANGED = EventTopics.of("catalog", "SELLABLE_CHANGED");

    private CatalogEvents() {
    }
}
