package dev.emporium.catalog.api;

import dev.emporium.platform.api.Page;
import dev.emporium.platform.api.PageRequest;

import java.util.List;
import java.util.Optional;

/**
 * The catalog's product data: types, categories and products. Every write is validated with field-level errors
 * ({@link dev.emporium.platform.api.ValidationException}) and changes nothing when refused.
 */
public interface Catalog {

    /** Creates a product type, or replaces its definition; existing products are not rewritten. */
    ProductType defineType(ProductType type);

    Optional<ProductType> type(String code);

    List<ProductType> types();

    /** Creates or renames a category. */
    Category defineCategory(Category category);

    List<Category> categories();

    /** Creates a product as a draft. */
    Product create(ProductInput input);

    /**
     * Replaces a product's data.
     *
     * @param expectedVersion the version the editor read, or null to skip the check
     * @throws dev.emporium.platform.api.ConflictException when the product changed since
     */
    Product update(String sku, ProductInput input, Long expectedVersion);

    Optional<Product> bySku(String sku);

    Optional<Product> bySlug(String slug);

    Product publish(String sku);

    Product archive(String sku);

    /** Marks whether the product can be sold; inventory's events drive it. */
    Product setSellable(String sku, boolean sellable, String reason);

    /** Products in SKU order, any status. */
    Page<Product> list(PageRequest page);
}
