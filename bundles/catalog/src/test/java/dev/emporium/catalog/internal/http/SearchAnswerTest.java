package dev.emporium.catalog.internal.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductStatus;
import dev.emporium.catalog.api.SearchResult;
import dev.emporium.catalog.internal.search.ProductIndex;
import dev.emporium.platform.api.Money;
import org.junit.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

/** The search route copies each product's kept JSON into its answer: the bytes must be those of a SearchResult. */
public class SearchAnswerTest {

    private static final Map<String, List<SearchResult.FacetValue>> FACETS = Map.of("colour",
            List.of(new SearchResult.FacetValue("red", 2), new SearchResult.FacetValue("rosé", 1)));

    @Test
    public void theAnswerIsTheSearchResultsRenderingWithTheItemsCopied() throws Exception {
        ObjectMapper mapper = JsonMapper.builder().findAndAddModules().build();
        Product a = product("A", "Château Été \"Réserve\"");
        Product b = product("B", "Vin Blanc");
        Map<String, byte[]> items = new HashMap<>();
        items.put("A", mapper.writeValueAsBytes(a));
        items.put("B", mapper.writeValueAsBytes(b));

        ProductIndex.Hits hits = new ProductIndex.Hits(List.of("B", "GONE", "A"), 3, FACETS, "next");
        assertArrayEquals("a product no longer on sale is left out, the order is the hits'",
                mapper.writeValueAsBytes(new SearchResult(List.of(b, a), 3, FACETS, "next")),
                CatalogRoutes.answer(mapper, hits, items));

        ProductIndex.Hits none = new ProductIndex.Hits(List.of(), 0, Map.of(), null);
        assertArrayEquals(mapper.writeValueAsBytes(new SearchResult(List.of(), 0, Map.of(), null)),
                CatalogRoutes.answer(mapper, none, Map.of()));
        ProductIndex.Hits allGone = new ProductIndex.Hits(List.of("GONE"), 1, FACETS, null);
        assertArrayEquals(mapper.writeValueAsBytes(new SearchResult(List.of(), 1, FACETS, null)),
                CatalogRoutes.answer(mapper, allGone, items));
    }

    @Test
    public void anotherMappersSettingsAreFollowedToo() throws Exception {
        ObjectMapper mapper = JsonMapper.builder().findAndAddModules()
                .serializationInclusion(JsonInclude.Include.NON_NULL).enable(SerializationFeature.INDENT_OUTPUT).build();
        Product a = product("A", "Vin");
        ProductIndex.Hits hits = new ProductIndex.Hits(List.of("A"), 1, FACETS, null);
        assertEquals(mapper.readTree(mapper.writeValueAsBytes(new SearchResult(List.of(a), 1, FACETS, null))),
                mapper.readTree(CatalogRoutes.answer(mapper, hits, Map.of("A", mapper.writeValueAsBytes(a)))));
    }

    private static Product product(String sku, String name) {
        return new Product(sku, sku.toLowerCase(), name, null, null, null, "wine", Map.of("colour", "red"), List.of(),
                Money.of("10.00", "EUR"), List.of(), null, List.of(), null, ProductStatus.PUBLISHED, true, 1, Instant.EPOCH);
    }
}
