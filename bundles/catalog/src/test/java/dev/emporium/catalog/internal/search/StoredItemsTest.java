package dev.emporium.catalog.internal.search;

import dev.emporium.catalog.api.ProductStatus;
import org.junit.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** The JSON the index stores with each product, which the search route shows its hits with. */
public class StoredItemsTest {

    private static ProductIndex storing() {
        return new ProductIndex(p -> (p.sku() + ":" + p.name()).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> text(Map<String, byte[]> items) {
        Map<String, String> result = new TreeMap<>();
        items.forEach((sku, json) -> result.put(sku, new String(json, StandardCharsets.UTF_8)));
        return result;
    }

    private static IndexedProduct rose(String name, ProductStatus status, boolean sellable) {
        return Wines.wine("S-ROSE", name, "Maison Dupré", "rosé", List.of("Grenache"), 2022, "Provence", "14.90",
                new BigDecimal("4.5"), "A pale rosé.", "Pale salmon colour.", List.of(), List.of(), Map.of(),
                status, sellable, 70);
    }

    @Test
    public void theIndexHandsBackTheJsonOfTheProductsOnSaleOnly() throws Exception {
        try (ProductIndex index = storing()) {
            index.replaceAll(Wines.catalogue());
            assertEquals(Map.of("S-ROSE", "S-ROSE:Château Lumière Rosé", "W001", "W001:Cuvée Bourgogne 2017"),
                    text(index.items(List.of("S-ROSE", "S-DRAFT", "S-GONE", "NO-SUCH", "W001"))));
            assertTrue(index.items(List.of()).isEmpty());
        }
    }

    @Test
    public void theJsonFollowsEveryChangeTheIndexTakes() throws Exception {
        try (ProductIndex index = storing()) {
            index.replaceAll(Wines.catalogue());
            index.put(rose("Château Soleil Rosé", ProductStatus.PUBLISHED, true));
            assertEquals(Map.of("S-ROSE", "S-ROSE:Château Soleil Rosé"), text(index.items(List.of("S-ROSE"))));
            index.put(rose("Château Soleil Rosé", ProductStatus.PUBLISHED, false));
            assertTrue("no longer sold: no hit, no JSON", index.items(List.of("S-ROSE")).isEmpty());
            index.put(rose("Château Lune Rosé", ProductStatus.PUBLISHED, true));
            index.remove("W001");
            assertEquals(Map.of("S-ROSE", "S-ROSE:Château Lune Rosé"), text(index.items(List.of("S-ROSE", "W001"))));
            assertEquals(Set.of("W002"), index.items(List.of("W002")).keySet());
        }
    }

    @Test
    public void onlyDocumentsStampedSinceTheMarkAskedAreHandedBack() throws Exception {
        try (ProductIndex index = storing()) {
            index.replaceAll(sink -> Wines.catalogue().forEach(sink), 3);
            assertEquals(Set.of("W001", "W002"), index.items(List.of("W001", "W002"), 3).keySet());
            assertTrue(index.items(List.of("W001", "W002"), 4).isEmpty());
            index.put(rose("Château Soleil Rosé", ProductStatus.PUBLISHED, true), 7);
            assertEquals(Set.of("S-ROSE"), index.items(List.of("W001", "S-ROSE"), 5).keySet());
            assertEquals(Set.of("W001", "S-ROSE"), index.items(List.of("W001", "S-ROSE")).keySet());
        }
    }

    @Test
    public void anIndexWithoutARendererStoresNone() throws Exception {
        try (ProductIndex index = new ProductIndex()) {
            index.replaceAll(Wines.catalogue());
            assertTrue(index.items(List.of("S-ROSE", "W001")).isEmpty());
        }
    }
}
