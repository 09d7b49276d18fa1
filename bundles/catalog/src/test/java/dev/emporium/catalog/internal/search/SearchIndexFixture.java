package dev.emporium.catalog.internal.search;

import dev.emporium.catalog.api.SearchResult;
import org.junit.After;
import org.junit.Before;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** An index holding the wine shop's catalogue, fresh for each test, and what tests compare its answers with. */
abstract class SearchIndexFixture {

    protected ProductIndex index;

    @Before
    public void openIndex() {
        index = new ProductIndex();
        index.replaceAll(Wines.catalogue());
    }

    @After
    public void closeIndex() throws Exception {
        index.close();
    }

    /** The SKUs of products on sale that pass the test, sorted. */
    static List<String> expected(Predicate<IndexedProduct> test) {
        return Wines.onSale().stream().filter(test).map(p -> p.product().sku()).sorted().toList();
    }

    static List<String> sorted(Collection<String> skus) {
        return skus.stream().sorted().toList();
    }

    /** Facet values to counts, as the index reports them. */
    static Map<String, Long> counts(ProductIndex.Hits hits, String facet) {
        Map<String, Long> result = new TreeMap<>();
        for (SearchResult.FacetValue v : hits.facets().getOrDefault(facet, List.of())) {
            result.put(v.value(), v.count());
        }
        return result;
    }

    /** Facet values to counts, counted by hand over the products on sale that pass the test. */
    static Map<String, Long> expectedCounts(Predicate<IndexedProduct> test, Function<IndexedProduct, Collection<String>> values) {
        return Wines.onSale().stream().filter(test)
                .flatMap(p -> values.apply(p).stream().distinct())
                .collect(Collectors.groupingBy(v -> v, TreeMap::new, Collectors.counting()));
    }

    static Collection<String> attributeValues(IndexedProduct p, String code) {
        Object v = Wines.attribute(p, code);
        if (v == null) {
            return List.of();
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(v));
    }

    static boolean is(IndexedProduct p, String code, String value) {
        return attributeValues(p, code).contains(value);
    }

    static Map<String, Long> asMap(List<SearchResult.FacetValue> values) {
        Map<String, Long> m = new LinkedHashMap<>();
        values.forEach(v -> m.put(v.value(), v.count()));
        return m;
    }
}
