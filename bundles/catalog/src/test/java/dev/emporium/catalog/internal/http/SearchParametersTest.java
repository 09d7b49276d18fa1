package dev.emporium.catalog.internal.http;

import dev.emporium.catalog.api.SearchQuery;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.ValidationException;
import org.junit.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

public class SearchParametersTest {

    @Test
    public void readsFacetsRangesSortAndLimit() {
        SearchQuery q = SearchParameters.read("merlot", List.of("colour:red", "colour:rosé", "grape:Merlot"),
                List.of("vintage:2015..2019", "price:..30"), "price_asc", null, "10");
        assertEquals("merlot", q.text());
        assertEquals(List.of("red", "rosé"), q.filters().get("colour"));
        assertEquals(List.of("Merlot"), q.filters().get("grape"));
        assertEquals(new BigDecimal("2015"), q.ranges().get("vintage").min());
        assertEquals(new BigDecimal("2019"), q.ranges().get("vintage").max());
        assertNull(q.ranges().get("price").min());
        assertEquals(SearchQuery.Sort.PRICE_ASC, q.sort());
        assertEquals(10, q.limit());
    }

    @Test
    public void defaultsAreRelevanceAnd24() {
        SearchQuery q = SearchParameters.read(null, List.of(), List.of(), null, null, null);
        assertEquals(SearchQuery.Sort.RELEVANCE, q.sort());
        assertEquals(24, q.limit());
        assertNull(q.text());
    }

    @Test
    public void everyBadParameterIsNamed() {
        try {
            SearchParameters.read("x".repeat(501), List.of("colour"), List.of("vintage:2019..2015", "price:abc..", "nodots"),
                    "cheapest", null, "1000");
            fail("accepted");
        } catch (ValidationException e) {
            assertEquals(List.of("facet", "range.vintage", "range.price", "range", "sort", "limit", "q"),
                    e.errors().stream().map(FieldError::field).toList());
        }
    }
}
