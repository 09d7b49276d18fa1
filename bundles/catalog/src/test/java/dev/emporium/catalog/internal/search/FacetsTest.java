package dev.emporium.catalog.internal.search;

import org.junit.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

public class FacetsTest extends SearchIndexFixture {

    @Test
    public void countsCoverTheWholeResultNotThePage() {
        ProductIndex.Hits hits = Search.browse().limit(1).in(index);
        assertEquals(expectedCounts(p -> true, p -> attributeValues(p, "colour")), counts(hits, "colour"));
        assertEquals("a wine counts once for each of its grapes",
                expectedCounts(p -> true, p -> attributeValues(p, "grape")), counts(hits, "grape"));
        assertEquals(expectedCounts(p -> true, p -> attributeValues(p, "vintage")), counts(hits, "vintage"));
        assertEquals(expectedCounts(p -> true, p -> attributeValues(p, "region")), counts(hits, "region"));
        assertEquals(expectedCounts(p -> true, p -> List.of(p.product().brand())), counts(hits, "brand"));
        assertEquals("categories with their ancestors",
                expectedCounts(p -> true, IndexedProduct::categories), counts(hits, "category"));
        assertEquals(Map.of("wine", (long) Wines.wines().size(), "glass", 2L), counts(hits, "type"));
        assertEquals(Map.of("crystal", 1L, "glass", 1L), counts(hits, "material"));
        assertEquals(Map.of("true", 1L, "false", 1L), counts(hits, "dishwasher_safe"));
    }

    @Test
    public void onlyFacetableAttributesAreFacets() {
        Map<String, ?> facets = Search.browse().in(index).facets();
        assertEquals(List.of("brand", "category", "type", "colour", "dishwasher_safe", "grape", "material", "region",
                "vintage"), new ArrayList<>(facets.keySet()));
        for (String notFacet : List.of("alcohol", "capacity", "food_pairings", "vineyard_story")) {
            assertFalse(notFacet, facets.containsKey(notFacet));
        }
    }

    @Test
    public void valuesComeMostFrequentFirstThenAlphabetically() {
        List<Long> counts = Search.browse().in(index).facets().get("grape").stream().map(v -> v.count()).toList();
        for (int i = 1; i < counts.size(); i++) {
            assertTrue(counts.get(i - 1) >= counts.get(i));
        }
        Map<String, Long> brand = asMap(Search.browse().in(index).facets().get("brand"));
        assertEquals(List.of("Maison Dupré", "Cave Saint-Jean", "Domaine Lafleur", "Verrerie Alsace"),
                new ArrayList<>(brand.keySet()));
    }

    @Test
    public void valuesOfOneFacetAreOredAndFacetsAnded() {
        List<String> hits = Search.browse().filter("colour", "red", "white").filter("region", "Bordeaux", "Rhône")
                .allPages(index);
        assertEquals(expected(p -> (is(p, "colour", "red") || is(p, "colour", "white"))
                && (is(p, "region", "Bordeaux") || is(p, "region", "Rhône"))), sorted(hits));
        assertFalse(hits.isEmpty());
    }

    @Test
    public void countsOfAFilteredFacetIgnoreItsOwnFilter() {
        ProductIndex.Hits hits = Search.browse().filter("colour", "red").filter("region", "Bordeaux").in(index);
        assertEquals(expected(p -> is(p, "colour", "red") && is(p, "region", "Bordeaux")), sorted(hits.skus()));
        assertEquals("every colour, among Bordeaux wines",
                expectedCounts(p -> is(p, "region", "Bordeaux"), p -> attributeValues(p, "colour")),
                counts(hits, "colour"));
        assertEquals("every region, among red wines",
                expectedCounts(p -> is(p, "colour", "red"), p -> attributeValues(p, "region")),
                counts(hits, "region"));
        assertEquals("other facets count the hits",
                expectedCounts(p -> is(p, "colour", "red") && is(p, "region", "Bordeaux"), p -> attributeValues(p, "grape")),
                counts(hits, "grape"));
    }

    @Test
    public void wordsAndRangesNarrowEveryCount() {
        ProductIndex.Hits hits = Search.words("provence").range("vintage", "2015", null).in(index);
        assertEquals(expectedCounts(p -> is(p, "region", "Provence") && vintage(p) >= 2015,
                p -> attributeValues(p, "colour")), counts(hits, "colour"));
    }

    @Test
    public void aCategoryFindsWhatLiesBelowIt() {
        assertEquals(sorted(Wines.wines().stream().map(p -> p.product().sku()).toList()),
                sorted(Search.browse().filter("category", "wines").allPages(index)));
        assertEquals(List.of("G-001", "G-002"), sorted(Search.browse().filter("category", "accessories").skus(index)));
        assertEquals(expected(p -> is(p, "colour", "rosé")), sorted(Search.browse().filter("category", "rose-wines").skus(index)));
    }

    @Test
    public void booleanAndIntegerValuesFilterAsText() {
        assertEquals(List.of("G-002"), Search.browse().filter("dishwasher_safe", "true").skus(index));
        assertEquals(expected(p -> vintage(p) == 2019), sorted(Search.browse().filter("vintage", "2019").skus(index)));
        assertEquals(List.of("G-001"), Search.browse().filter("type", "glass").filter("material", "crystal").skus(index));
    }

    @Test
    public void anUnknownValueFindsNothing() {
        ProductIndex.Hits hits = Search.browse().filter("colour", "blue").in(index);
        assertEquals(0, hits.total());
        assertTrue(hits.skus().isEmpty());
        assertEquals("the colours to choose from are still offered", Set.copyOf(Wines.COLOURS),
                counts(hits, "colour").keySet());
    }

    static int vintage(IndexedProduct p) {
        Object v = Wines.attribute(p, "vintage");
        return v == null ? -1 : ((Number) v).intValue();
    }
}
