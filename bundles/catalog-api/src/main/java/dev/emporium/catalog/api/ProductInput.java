package dev.emporium.catalog.api;

import dev.emporium.platform.api.Money;

import java.util.List;
import java.util.Map;

/**
 * What an editor or a supplier batch writes of a product. Attribute values are plain JSON values checked against the
 * product type's definitions.
 */
public record ProductInput(String sku, String slug, String name, String shortDescription, String longDescription,
                           String brand, String type, Map<String, Object> attributes, List<String> categories,
                           Money price, List<PackPrice> packPrices, Shipping shipping, List<Media> media, Seo seo) {

    public ProductInput {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        categories = categories == null ? List.of() : List.copyOf(categories);
        packPrices = packPrices == null ? List.of() : List.copyOf(packPrices);
        media = media == null ? List.of() : List.copyOf(media);
        seo = seo == null ? new Seo(List.of(), null, null) : seo;
    }
}
