package dev.emporium.catalog.internal.search;

import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductType;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;

/**
 * What the search index needs to know of one product.
 *
 * @param product    the product as stored
 * @param type       its product type, which says which attributes are facets, numbers or text (null if unknown:
 *                   the product is then found by its name, descriptions and text values only)
 * @param categories the product's categories with all their ancestors, so browsing a category finds what lies below
 * @param rating     the average buyer rating from 0 to 5, or null when nobody rated it yet
 */
public record IndexedProduct(Product product, ProductType type, Set<String> categories, BigDecimal rating) {

    public IndexedProduct {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(product.sku(), "product.sku");
        categories = categories == null ? Set.of() : Set.copyOf(categories);
    }
}
