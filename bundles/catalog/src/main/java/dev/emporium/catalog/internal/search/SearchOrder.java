package dev.emporium.catalog.internal.search;

import dev.emporium.catalog.api.SearchQuery;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

/**
 * The orders a search can come back in. Each ends with the SKU, so no two hits tie and a cursor names one exact
 * place in the order.
 */
enum SearchOrder {
    SCORE(SortField.FIELD_SCORE),
    NAME(new SortField(ProductDocuments.NAME_SORT, SortField.Type.STRING)),
    PRICE_ASC(number(ProductDocuments.PRICE, SortField.Type.LONG, false)),
    PRICE_DESC(number(ProductDocuments.PRICE, SortField.Type.LONG, true)),
    NEWEST(number(ProductDocuments.UPDATED_AT, SortField.Type.LONG, true)),
    RATING(number(ProductDocuments.RATING, SortField.Type.DOUBLE, true));

    private final Sort sort;

    SearchOrder(SortField first) {
        this.sort = new Sort(first, new SortField(ProductDocuments.SKU, SortField.Type.STRING));
    }

    Sort sort() {
        return sort;
    }

    /** Relevance means something only when there are words to be relevant to; a plain browse is by name. */
    static SearchOrder of(SearchQuery.Sort sort, boolean hasText) {
        return switch (sort) {
            case RELEVANCE -> hasText ? SCORE : NAME;
            case PRICE_ASC -> PRICE_ASC;
            case PRICE_DESC -> PRICE_DESC;
            case NAME -> NAME;
            case NEWEST -> NEWEST;
            case RATING -> RATING;
        };
    }

    /** Products without the value (no price, never rated) come last in either direction. */
    private static SortField number(String field, SortField.Type type, boolean descending) {
        SortField f = new SortField(field, type, descending);
        if (type == SortField.Type.DOUBLE) {
            f.setMissingValue(descending ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        } else {
            f.setMissingValue(descending ? Long.MIN_VALUE : Long.MAX_VALUE);
        }
        return f;
    }
}
