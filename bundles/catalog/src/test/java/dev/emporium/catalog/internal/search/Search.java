package dev.emporium.catalog.internal.search;

import dev.emporium.catalog.api.SearchQuery;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** A storefront search as tests write it, and the means to read every page of its result. */
final class Search {

    private String text;
    private final Map<String, List<String>> filters = new LinkedHashMap<>();
    private final Map<String, SearchQuery.Range> ranges = new LinkedHashMap<>();
    private SearchQuery.Sort sort;
    private String cursor;
    private int limit = 100;

    static Search words(String text) {
        Search s = new Search();
        s.text = text;
        return s;
    }

    static Search browse() {
        return new Search();
    }

    Search filter(String code, String... values) {
        filters.put(code, List.of(values));
        return this;
    }

    Search range(String code, String min, String max) {
        ranges.put(code, new SearchQuery.Range(min == null ? null : new BigDecimal(min),
                max == null ? null : new BigDecimal(max)));
        return this;
    }

    Search sort(SearchQuery.Sort sort) {
        this.sort = sort;
        return this;
    }

    Search limit(int limit) {
        this.limit = limit;
        return this;
    }

    Search cursor(String cursor) {
        this.cursor = cursor;
        return this;
    }

    SearchQuery query() {
        return new SearchQuery(text, filters, ranges, sort, cursor, limit);
    }

    ProductIndex.Hits in(ProductIndex index) {
        return index.search(query());
    }

    List<String> skus(ProductIndex index) {
        return in(index).skus();
    }

    /** Follows the cursors to the end, checking every page on the way; the SKUs in the order served. */
    List<String> allPages(ProductIndex index) {
        List<String> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String at = null;
        long total = -1;
        do {
            ProductIndex.Hits page = cursor(at).in(index);
            if (total < 0) {
                total = page.total();
            }
            assertEquals("the total is the same on every page", total, page.total());
            assertTrue("a page holds at most the limit", page.skus().size() <= limit);
            if (page.nextCursor() != null) {
                assertEquals("only the last page is short", limit, page.skus().size());
            }
            for (String sku : page.skus()) {
                assertTrue("served twice: " + sku, seen.add(sku));
            }
            all.addAll(page.skus());
            at = page.nextCursor();
            assertTrue("runaway paging", all.size() <= total);
        } while (at != null);
        cursor = null;
        assertEquals("every hit once", total, all.size());
        return all;
    }
}
