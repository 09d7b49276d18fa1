package dev.emporium.catalog.internal.search;

import dev.emporium.catalog.api.SearchQuery.Sort;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.ValidationException;
import org.junit.Test;

import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;

public class SearchValidationTest extends SearchIndexFixture {

    @Test
    public void limitIsOneToAHundred() {
        assertRefused(Search.browse().limit(0), "limit");
        assertRefused(Search.browse().limit(101), "limit");
        assertRefused(Search.browse().limit(-5), "limit");
        assertEquals(1, Search.browse().limit(1).skus(index).size());
        assertEquals(Wines.onSale().size(), Search.browse().limit(100).skus(index).size());
    }

    @Test
    public void aCursorMustComeFromTheSameKindOfSearch() {
        assertRefused(Search.browse().cursor("not a cursor!"), "cursor");
        assertRefused(Search.browse().cursor("AAAA"), "cursor");
        assertRefused(Search.browse().cursor("A".repeat(5000)), "cursor");
        String byPrice = Search.browse().sort(Sort.PRICE_ASC).limit(5).in(index).nextCursor();
        assertNotNull(byPrice);
        assertEquals(5, Search.browse().sort(Sort.PRICE_ASC).limit(5).cursor(byPrice).skus(index).size());
        assertRefused(Search.browse().sort(Sort.NAME).cursor(byPrice), "cursor");
        assertRefused(Search.browse().sort(Sort.PRICE_ASC).cursor(byPrice.substring(0, byPrice.length() - 3)), "cursor");
        assertRefused(Search.browse().sort(Sort.PRICE_ASC).cursor(byPrice + "AAAA"), "cursor");
        String byName = Search.browse().limit(5).in(index).nextCursor();
        assertRefused(Search.words("rosé").cursor(byName), "cursor"); // relevance with words is by score, not name
    }

    @Test
    public void filtersNameFacetsOfIndexedTypes() {
        assertRefused(Search.browse().filter("flavour", "sweet"), "filters.flavour");
        assertRefused(Search.browse().filter("alcohol", "13"), "filters.alcohol"); // not facetable
        assertRefused(Search.browse().filter("vineyard_story", "x"), "filters.vineyard_story");
        assertRefused(Search.browse().filter("colour", "red", " "), "filters.colour");
        assertEquals(Wines.onSale().size(), Search.browse().filter("colour").in(index).total());
    }

    @Test
    public void rangesNameNumbersAndRunUpwards() {
        assertRefused(Search.browse().range("region", "1", "2"), "ranges.region");
        assertRefused(Search.browse().range("sweetness", "1", null), "ranges.sweetness");
        assertRefused(Search.browse().range("price", "20", "10"), "ranges.price");
        assertRefused(Search.browse().range("vintage", "2020", "2019"), "ranges.vintage");
        assertEquals("min equal to max is one value", List.of("W004", "W024", "W044"),
                sorted(Search.browse().range("price", "10", "10").skus(index)));
    }

    @Test
    public void tooManyWordsAreRefusedNotFailed() {
        assertRefused(Search.words("x".repeat(1001)), "text");
        StringBuilder words = new StringBuilder();
        for (char a = 'a'; a <= 'm'; a++) {
            for (char b = 'a'; b <= 'z'; b++) {
                words.append(a).append(b).append(' ');
            }
        }
        assertRefused(Search.words(words.substring(0, 999)), "text"); // short enough, but two thousand clauses
        assertEquals(0, Search.words(words.substring(0, 300)).in(index).total());
    }

    @Test
    public void everyMistakeIsReportedAtOnce() {
        try {
            Search.words("x".repeat(2000)).filter("flavour", "sweet").range("price", "9", "1").range("region", "1", "2")
                    .cursor("???").limit(0).in(index);
            fail("refused");
        } catch (ValidationException e) {
            assertEquals(400, e.status());
            assertEquals(List.of("cursor", "filters.flavour", "limit", "ranges.price", "ranges.region", "text"),
                    e.errors().stream().map(FieldError::field).sorted().toList());
        }
    }

    private void assertRefused(Search search, String field) {
        try {
            search.in(index);
            fail("expected a refusal on " + field);
        } catch (ValidationException e) {
            assertEquals(List.of(field), e.errors().stream().map(FieldError::field).toList());
        }
    }
}
