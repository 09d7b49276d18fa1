package dev.emporium.catalog.api;

import java.util.List;
import java.util.Map;

/** One page of search hits with the facet counts of the whole result. */
public record SearchResult(List<Product> items, long total, Map<String, List<FacetValue>> facets, String nextCursor) {

    /** A facet value and how many hits have it. */
    public record FacetValue(String value, long count) {
    }
}
