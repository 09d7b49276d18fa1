package dev.emporium.catalog.internal.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.emporium.catalog.api.Evidence;
import dev.emporium.catalog.api.ExpertRating;
import dev.emporium.catalog.api.PressMention;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.RatingSummary;
import dev.emporium.catalog.api.RelatedProduct;
import dev.emporium.catalog.api.RelationKind;
import dev.emporium.platform.api.Money;

import java.util.List;

/**
 * What the storefront shows on a product's page: the product's own fields, then what vouches for it (the buyers'
 * aggregate, critics' ratings, press mentions) and the related products on sale, each in brief.
 */
record ProductPage(@JsonUnwrapped Product product, RatingSummary rating, List<ExpertRating> experts,
                   List<PressMention> press, List<Related> related) {

    /** A related product in brief: enough to show a link and a price; its own page has the rest. */
    record Related(RelationKind kind, String reason, String sku, String slug, String name, String brand, Money price) {

        static Related of(RelatedProduct r) {
            Product p = r.product();
            return new Related(r.kind(), r.reason(), p.sku(), p.slug(), p.name(), p.brand(), p.price());
        }
    }

    static ProductPage of(Product product, Evidence evidence, List<RelatedProduct> related) {
        return new ProductPage(product, evidence.buyers(), evidence.experts(), evidence.press(),
                related.stream().map(Related::of).toList());
    }
}
