package dev.emporium.catalog.internal.search;

import dev.emporium.catalog.api.ProductStatus;
import dev.emporium.catalog.api.SearchQuery.Sort;
import org.junit.Test;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

public class SortingAndPagingTest extends SearchIndexFixture {

    private static final Comparator<IndexedProduct> BY_SKU = Comparator.comparing(p -> p.product().sku());

    @Test
    public void everyOrderBreaksTiesBySku() {
        assertEquals(order(byPrice().thenComparing(BY_SKU)), Search.browse().sort(Sort.PRICE_ASC).skus(index));
        assertEquals(order(byPrice().reversed().thenComparing(BY_SKU)), Search.browse().sort(Sort.PRICE_DESC).skus(index));
        assertEquals(order(byName().thenComparing(BY_SKU)), Search.browse().sort(Sort.NAME).skus(index));
        assertEquals(order(Comparator.comparing((IndexedProduct p) -> p.product().updatedAt()).reversed().thenComparing(BY_SKU)),
                Search.browse().sort(Sort.NEWEST).skus(index));
        assertEquals("unrated last", order(Comparator.comparing(IndexedProduct::rating,
                        Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder())).thenComparing(BY_SKU)),
                Search.browse().sort(Sort.RATING).skus(index));
        assertEquals("relevance without words is by name", Search.browse().sort(Sort.NAME).skus(index),
                Search.browse().sort(Sort.RELEVANCE).skus(index));
    }

    @Test
    public void wordsCanBeSortedOtherwiseThanByRelevance() {
        List<String> roses = Search.words("rosé").sort(Sort.PRICE_DESC).skus(index);
        assertEquals(Wines.onSale().stream().filter(p -> is(p, "colour", "rosé"))
                .sorted(byPrice().reversed().thenComparing(BY_SKU)).map(p -> p.product().sku()).toList(), roses);
    }

    @Test
    public void cursorsVisitEveryHitOnceInEveryOrder() {
        for (Sort sort : Sort.values()) {
            assertEquals(sort.name(), Search.browse().sort(sort).limit(100).skus(index),
                    Search.browse().sort(sort).limit(7).allPages(index));
            assertEquals(sort + " with words", Search.words("cuvee").sort(sort).limit(100).skus(index),
                    Search.words("cuvee").sort(sort).limit(3).allPages(index));
        }
        assertEquals(Search.browse().filter("colour", "red").sort(Sort.RATING).limit(100).skus(index),
                Search.browse().filter("colour", "red").sort(Sort.RATING).limit(1).allPages(index));
    }

    @Test
    public void aFullLastPageHasNoNextCursor() {
        long roses = Search.browse().filter("colour", "rosé").in(index).total();
        ProductIndex.Hits page = Search.browse().filter("colour", "rosé").limit((int) roses).in(index);
        assertEquals(roses, page.skus().size());
        assertNull(page.nextCursor());
        ProductIndex.Hits shorter = Search.browse().filter("colour", "rosé").limit((int) roses - 1).in(index);
        assertNotNull(shorter.nextCursor());
        ProductIndex.Hits last = Search.browse().filter("colour", "rosé").limit((int) roses - 1)
                .cursor(shorter.nextCursor()).in(index);
        assertEquals(1, last.skus().size());
        assertNull(last.nextCursor());
        assertNull(Search.words("nothing-like-this").in(index).nextCursor());
    }

    @Test
    public void changesBetweenPagesNeitherRepeatNorSkipAHit() {
        Search cheapestFirst = Search.browse().sort(Sort.PRICE_ASC).limit(10);
        ProductIndex.Hits first = cheapestFirst.in(index);
        List<String> before = Search.browse().sort(Sort.PRICE_ASC).limit(100).skus(index);
        // a product cheaper than all of page one arrives, and one of page two leaves
        index.put(Wines.wine("W-NEW", "Bargain Red", "Maison Dupré", "red", List.of("Merlot"), 2020, "Bordeaux",
                "1.00", null, "Cheap.", "Cheerful.", List.of(), List.of(), Map.of(), ProductStatus.PUBLISHED, true, 99));
        index.remove(before.get(12));
        ProductIndex.Hits second = cheapestFirst.cursor(first.nextCursor()).in(index);
        List<String> expected = before.subList(10, 21).stream().filter(s -> !s.equals(before.get(12))).toList();
        assertEquals(expected, second.skus());
    }

    private static List<String> order(Comparator<IndexedProduct> order) {
        return Wines.onSale().stream().sorted(order).map(p -> p.product().sku()).toList();
    }

    private static Comparator<IndexedProduct> byPrice() {
        return Comparator.comparing(p -> p.product().price().amount());
    }

    /** Names compare as shoppers read them: without case or accents. */
    private static Comparator<IndexedProduct> byName() {
        return Comparator.comparing(p -> Normalizer.normalize(p.product().name(), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT));
    }
}
