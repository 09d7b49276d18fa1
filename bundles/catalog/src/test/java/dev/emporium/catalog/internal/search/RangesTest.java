package dev.emporium.catalog.internal.search;

import org.junit.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

public class RangesTest extends SearchIndexFixture {

    @Test
    public void vintageRangeIsInclusiveAndEitherEndIsOptional() {
        assertEquals(expected(p -> vintage(p) >= 2015 && vintage(p) <= 2018),
                sorted(Search.browse().range("vintage", "2015", "2018").skus(index)));
        assertEquals(expected(p -> vintage(p) >= 2020), sorted(Search.browse().range("vintage", "2020", null).skus(index)));
        assertEquals(expected(p -> vintage(p) != -1 && vintage(p) <= 2011),
                sorted(Search.browse().range("vintage", null, "2011").skus(index)));
        assertEquals("a whole-number attribute takes decimal bounds",
                expected(p -> vintage(p) >= 2016 && vintage(p) <= 2018),
                sorted(Search.browse().range("vintage", "2015.5", "2018.9").skus(index)));
    }

    @Test
    public void priceRangeTakesDecimalBoundsAndKeepsItsEdges() {
        List<String> hits = sorted(Search.browse().range("price", "10.00", "12.50").allPages(index));
        assertEquals(expected(p -> between(price(p), "10.00", "12.50")), hits);
        assertTrue("a wine at exactly 10.00", hits.contains("W004"));
        assertTrue("a wine at exactly 12.50", hits.contains("W006"));
        assertEquals("bounds between cents round inwards", hits,
                sorted(Search.browse().range("price", "9.991", "12.509").allPages(index)));
        assertEquals(expected(p -> price(p).compareTo(new BigDecimal("25")) >= 0),
                sorted(Search.browse().range("price", "25", null).skus(index)));
        assertEquals(0, Search.browse().range("price", "10.001", "10.009").in(index).total());
    }

    @Test
    public void ratingRangeLeavesUnratedProductsOut() {
        List<String> hits = sorted(Search.browse().range("rating", "4", null).allPages(index));
        assertEquals(expected(p -> p.rating() != null && p.rating().compareTo(new BigDecimal("4")) >= 0), hits);
        assertFalse(hits.isEmpty());
        assertEquals(expected(p -> p.rating() != null), sorted(Search.browse().range("rating", "0", "5").allPages(index)));
    }

    @Test
    public void decimalAttributeRange() {
        assertEquals(expected(p -> Wines.attribute(p, "alcohol") instanceof BigDecimal a
                        && between(a, "12.6", "12.7")),
                sorted(Search.browse().range("alcohol", "12.6", "12.7").allPages(index)));
        assertEquals(List.of("G-001"), Search.browse().range("capacity", "50", null).skus(index));
    }

    @Test
    public void rangesCombineWithWordsAndFilters() {
        List<String> hits = sorted(Search.words("bordeaux").filter("colour", "red", "white")
                .range("price", "8", "20").range("vintage", "2012", null).allPages(index));
        assertEquals(expected(p -> is(p, "region", "Bordeaux") && (is(p, "colour", "red") || is(p, "colour", "white"))
                && between(price(p), "8", "20") && vintage(p) >= 2012), hits);
        assertFalse(hits.isEmpty());
    }

    @Test
    public void anEmptyRangeConstrainsNothing() {
        assertEquals(Wines.onSale().size(), Search.browse().range("price", null, null).in(index).total());
    }

    static BigDecimal price(IndexedProduct p) {
        return p.product().price().amount();
    }

    static boolean between(BigDecimal v, String min, String max) {
        return v.compareTo(new BigDecimal(min)) >= 0 && v.compareTo(new BigDecimal(max)) <= 0;
    }

    static int vintage(IndexedProduct p) {
        return FacetsTest.vintage(p);
    }
}
