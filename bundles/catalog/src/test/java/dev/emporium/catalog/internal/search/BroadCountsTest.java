package dev.emporium.catalog.internal.search;

import dev.emporium.catalog.api.ProductStatus;
import org.junit.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Facet counts of searches matching more than half of the index (counted as the totals less the documents that do
 * not match) and of narrow ones, exact after removals and additions have left deleted documents and more segments.
 */
public class BroadCountsTest extends SearchIndexFixture {

    private final List<IndexedProduct> onSale = new ArrayList<>(Wines.onSale());

    private Map<String, Long> counted(Predicate<IndexedProduct> test, Function<IndexedProduct, Collection<String>> values) {
        return onSale.stream().filter(test).flatMap(p -> values.apply(p).stream().distinct())
                .collect(Collectors.groupingBy(v -> v, TreeMap::new, Collectors.counting()));
    }

    private void change() {
        for (int i = 0; i < 6; i++) {
            IndexedProduct added = Wines.wine("W-NEW" + i, "Vin Nouveau " + i, "Cave Saint-Jean", "red",
                    List.of("Syrah", "Merlot"), 2020, "Rhône", "11.00", null, "A new red.", "Young and fruity.",
                    List.of(), List.of(), Map.of(), ProductStatus.PUBLISHED, true, 80 + i);
            index.put(added);
            onSale.add(added);
            Search.browse().limit(1).in(index); // a view per addition: one more segment each
        }
        // a few removals (too few for the merge policy to rewrite the segment): deleted documents among the others
        for (String sku : List.of("W001", "W004", "W010", "W011", "W-NEW2")) {
            index.remove(sku);
            onSale.removeIf(p -> p.product().sku().equals(sku));
        }
    }

    private void assertCounts(Search search, Predicate<IndexedProduct> hit) {
        ProductIndex.Hits hits = search.limit(1).in(index);
        assertEquals(onSale.stream().filter(hit).count(), hits.total());
        for (String code : List.of("colour", "grape", "region", "vintage")) {
            Predicate<IndexedProduct> counted = search.query().filters().containsKey(code) ? p -> true : hit;
            assertEquals(code, counted(counted, p -> attributeValues(p, code)), counts(hits, code));
        }
        assertEquals(counted(hit, p -> List.of(p.product().brand())), counts(hits, "brand"));
        assertEquals(counted(hit, IndexedProduct::categories), counts(hits, "category"));
    }

    @Test
    public void everythingAndMostOfItAreCountedExactly() {
        assertCounts(Search.browse(), p -> true);
        assertCounts(Search.browse().range("price", "6", null), p -> p.product().price().amount().compareTo(new BigDecimal("6")) >= 0);
    }

    @Test
    public void countsStayExactAfterRemovalsAndAdditions() {
        change();
        assertCounts(Search.browse(), p -> true);
        assertCounts(Search.browse().filter("colour", "red", "white", "rosé"),
                p -> List.of("red", "white", "rosé").contains(String.valueOf(Wines.attribute(p, "colour"))));
        assertCounts(Search.words("fruity"), p -> p.product().sku().startsWith("W-NEW"));
        assertCounts(Search.browse().range("price", "6", null), p -> p.product().price().amount().compareTo(new BigDecimal("6")) >= 0);
        assertTrue(onSale.stream().filter(p -> p.product().price().amount().compareTo(new BigDecimal("6")) >= 0).count() * 2 > onSale.size());
    }
}
