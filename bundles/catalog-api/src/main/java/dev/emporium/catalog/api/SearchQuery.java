package dev.emporium.catalog.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A storefront search: full text, facet filters, ranges, sorting and paging.
 *
 * @param text      words to find in names, descriptions, brand, keywords and text attributes (may be null)
 * @param filters   facet code to accepted values: {@code brand}, {@code category}, {@code type} or a facetable
 *                  attribute code; values of one facet are ORed, facets are ANDed
 * @param ranges    numeric attribute code (or {@code price}, {@code rating}) to an inclusive range
 * @param sort      the order
 * @param cursor    from a previous result's {@code nextCursor}, or null
 * @param limit     page size, 1 to 100
 */
public record SearchQuery(String text, Map<String, List<String>> filters, Map<String, Range> ranges, Sort sort,
                          String cursor, int limit) {

    /** An inclusive range; either end may be null. */
    public record Range(BigDecimal min, BigDecimal max) {
    }

    public enum Sort {
        RELEVANCE, PRICE_ASC, PRICE_DESC, NAME, NEWEST, RATING
    }

    public SearchQuery {
        filters = filters == null ? Map.of() : Map.copyOf(filters);
        ranges = ranges == null ? Map.of() : Map.copyOf(ranges);
        sort = sort == null ? Sort.RELEVANCE : sort;
    }
}
