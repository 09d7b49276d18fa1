package dev.emporium.catalog.api;

import java.util.Collection;
import java.util.List;

/** Relations between products, edited by editors, and the suggestions the storefront draws from them. */
public interface ProductRelations {

    /**
     * Relates {@code sku} to another product.
     *
     * @throws dev.emporium.platform.api.ValidationException for a self-relation, an unknown product or a duplicate
     */
    Relation relate(String sku, RelationInput input);

    /** Removes a relation; false when there was none. */
    boolean unrelate(String sku, RelationKind kind, String relatedSku);

    /** Every relation of a product, any status: for editors. */
    List<Relation> relationsOf(String sku);

    /** The product's related products that are on sale, by kind. */
    List<RelatedProduct> related(String sku);

    /**
     * Suggestions for a set of products: complementary and cross-sell products of the set not already in it, then
     * up-sells, each group ranked by how many of the set point at them; only products on sale.
     */
    List<Suggestion> suggestions(Collection<String> skus, int limit);
}
