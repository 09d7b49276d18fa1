package dev.emporium.catalog.api;

import dev.emporium.platform.api.Money;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A product as the catalog knows it: everything an editor wrote, its status, whether it can be sold (inventory
 * decides: a discontinued product never can), and its version for optimistic updates.
 */
public record Product(String sku, String slug, String name, String shortDescription, String longDescription,
                      String brand, String type, Map<String, Object> attributes, List<String> categories,
                      Money price, List<PackPrice> packPrices, Shipping shipping, List<Media> media, Seo seo,
                      ProductStatus status, boolean sellable, long version, Instant updatedAt) {

    public Product {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        categories = categories == null ? List.of() : List.copyOf(categories);
        packPrices = packPrices == null ? List.of() : List.copyOf(packPrices);
        media = media == null ? List.of() : List.copyOf(media);
    }

    /** True when storefronts may show and sell it. */
    public boolean onSale() {
        return status == ProductStatus.PUBLISHED && sellable;
    }
}
