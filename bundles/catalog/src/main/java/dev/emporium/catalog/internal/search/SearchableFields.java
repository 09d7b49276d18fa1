package dev.emporium.catalog.internal.search;

import dev.emporium.catalog.api.AttributeDefinition;
import dev.emporium.catalog.api.AttributeType;
import dev.emporium.catalog.api.ProductType;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The facet and range codes a search may name, given the product types in the index: a filter or range on any other
 * code is the client's mistake, not an empty result.
 */
record SearchableFields(Set<String> facets, Set<String> numbers) {

    static SearchableFields of(Collection<ProductType> types) {
        Set<String> facets = new HashSet<>(Set.of(ProductDocuments.BRAND_FACET, ProductDocuments.CATEGORY_FACET,
                ProductDocuments.TYPE_FACET));
        Set<String> numbers = new HashSet<>(Set.of(ProductDocuments.PRICE_RANGE, ProductDocuments.RATING_RANGE));
        for (ProductType type : types) {
            for (AttributeDefinition a : type.attributes()) {
                if (ProductDocuments.RESERVED.contains(a.code())) {
                    continue;
                }
                if (a.facetable() && a.type() != AttributeType.LOCALIZED_TEXT) {
                    facets.add(a.code());
                }
                if (a.type() == AttributeType.NUMBER || a.type() == AttributeType.INTEGER) {
                    numbers.add(a.code());
                }
            }
        }
        return new SearchableFields(Set.copyOf(facets), Set.copyOf(numbers));
    }
}
