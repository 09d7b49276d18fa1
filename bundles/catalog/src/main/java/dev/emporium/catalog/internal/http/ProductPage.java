package dev.emporium.catalog.internal.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.emporium.catalog.api.Evidence;
import dev.emporium.catalog.api.ExpertRating;
import dev.emporium.catalog.api.PressMention;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductType;
import dev.emporium.catalog.api.RatingSummary;
import dev.emporium.catalog.api.RelatedProduct;
import dev.emporium.catalog.api.RelationKind;
import dev.emporium.platform.api.Money;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the storefront shows on a product's page: the product's own fields, then what vouches for it (the buyers'
 * aggregate, critics' ratings, press mentions) and the related products on sale, each in brief. {@code units} gives the
 * unit its type defines for each attribute that has one ({@code "volume": "ml"}), so a page can show "750 ml".
 */
record ProductPage(@JsonUnwrapped Product product, Map<String, String> units, RatingSummary rating, List<ExpertRating> experts,
                   List<PressMention> press, List<Related> related) {

    /** A related product in brief: enough to show a link and a price; its own page has the rest. */
    record Related(RelationKind kind, String reason, String sku, String slug, String name, String brand, Money price) {

        static Related of(RelatedProduct r) {
            Product p = r.product();
            return new Related(r.kind(), r.reason(), p.sku(), p.slug(), p.name(), p.brand(), p.price());
        }
    }

    static ProductPage of(Product product, Optional<ProductType> type, Evidence evidence, List<RelatedProduct> related) {
        return new ProductPage(product, units(product, type), evidence.buyers(), evidence.experts(), evidence.press(),
                related.stream().map(Related::of).toList());
    }

    /** The units of the product's attributes, in its type's order; empty when the type defines none. */
    static Map<String, String> units(Product product, Optional<ProductType> type) {
        Map<String, String> units = new LinkedHashMap<>();
        type.ifPresent(t -> t.attributes().stream()
                .filter(a -> a.unit() != null && !a.unit().isBlank() && product.attributes().containsKey(a.code()))
                .forEach(a -> units.put(a.code(), a.unit())));
        return units;
    }
}
