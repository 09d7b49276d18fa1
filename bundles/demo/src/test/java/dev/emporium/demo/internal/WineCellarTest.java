package dev.emporium.demo.internal;

import dev.emporium.catalog.api.AttributeDefinition;
import dev.emporium.catalog.api.ProductInput;
import dev.emporium.catalog.api.ProductType;
import dev.emporium.catalog.api.RelationKind;
import org.junit.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class WineCellarTest {

    private final WineCellar cellar = new WineCellar(500);

    @Test
    public void theSameSeedGivesTheSameStoreEveryTime() {
        assertEquals(cellar.products(), new WineCellar(500).products());
        assertEquals(cellar.stock(), new WineCellar(500).stock());
        assertEquals(cellar.relations("DEMO-W0042"), new WineCellar(500).relations("DEMO-W0042"));
    }

    @Test
    public void fiveHundredWinesThenGlassesAndGiftBoxesWithUniqueSkusAndSlugs() {
        List<ProductInput> products = cellar.products();
        assertEquals(520, products.size());
        assertEquals(500, products.stream().filter(p -> p.type().equals("wine")).count());
        assertEquals(products.size(), products.stream().map(ProductInput::sku).distinct().count());
        assertEquals(products.size(), products.stream().map(ProductInput::slug).distinct().count());
        assertTrue(products.stream().allMatch(p -> p.sku().startsWith(WineCellar.SKU_PREFIX)));
    }

    @Test
    public void everyWineIsDescribedCompletely() {
        ProductType wine = cellar.types().get(0);
        Set<String> categories = cellar.categories().stream().map(c -> c.code()).collect(Collectors.toSet());
        for (ProductInput p : cellar.products()) {
            assertTrue(p.sku(), categories.containsAll(p.categories()));
            assertNotNull(p.sku(), p.price());
            assertNotNull(p.sku(), p.shipping());
            assertFalse(p.sku(), p.seo().keywords().isEmpty());
            assertFalse(p.sku(), p.media().isEmpty());
            if (!p.type().equals("wine")) {
                continue;
            }
            assertEquals(p.sku(), List.of(6, 12), p.packPrices().stream().map(pp -> pp.size()).toList());
            assertTrue("a box costs less than its bottles: " + p.sku(),
                    p.packPrices().get(0).price().amount().compareTo(p.price().amount().multiply(java.math.BigDecimal.valueOf(6))) < 0);
            for (AttributeDefinition a : wine.attributes()) {
                if (a.required()) {
                    assertTrue(p.sku() + " lacks " + a.code(), p.attributes().containsKey(a.code()));
                }
            }
            for (String attribute : List.of("vineyard", "vineyard_story", "food_pairings", "alcohol", "organic")) {
                assertTrue(p.sku() + " lacks " + attribute, p.attributes().containsKey(attribute));
            }
            assertTrue(p.sku(), ((Map<?, ?>) p.attributes().get("vineyard_story")).containsKey("en"));
            assertTrue("every wine has a similar or complementary wine: " + p.sku(),
                    cellar.relations(p.sku()).stream().anyMatch(r -> r.kind() == RelationKind.COMPLEMENTARY));
        }
    }

    @Test
    public void ratingsPressAndStockAreSpreadOverTheCellar() {
        long rated = cellar.products().stream().filter(p -> !cellar.expertRatings(p.sku()).isEmpty()).count();
        long inPress = cellar.products().stream().filter(p -> !cellar.pressMentions(p.sku()).isEmpty()).count();
        long reviewed = cellar.products().stream().filter(p -> !cellar.reviews(p.sku()).isEmpty()).count();
        assertTrue("critics: " + rated, rated > 250 && rated < 450);
        assertTrue("press: " + inPress, inPress > 40 && inPress < 150);
        assertTrue("reviews: " + reviewed, reviewed > 300);
        Set<String> locations = new HashSet<>();
        cellar.stock().forEach(s -> locations.add(s.location()));
        assertEquals(Set.of(WineCellar.WAREHOUSE, WineCellar.DROP_SHIP), locations);
        assertTrue("some wines are sold out", cellar.stock().stream().anyMatch(s -> s.units() == 0));
        assertEquals(520, cellar.stock().size());
    }

    @Test
    public void relationsPointAtOtherProductsOfTheCellar() {
        Set<String> skus = cellar.products().stream().map(ProductInput::sku).collect(Collectors.toSet());
        for (ProductInput p : cellar.products()) {
            cellar.relations(p.sku()).forEach(r -> {
                assertTrue(r.sku(), skus.contains(r.sku()));
                assertFalse("not to itself: " + p.sku(), r.sku().equals(p.sku()));
            });
            assertEquals("one relation of a kind per product pair: " + p.sku(), cellar.relations(p.sku()).size(),
                    cellar.relations(p.sku()).stream().map(r -> r.kind() + r.sku()).distinct().count());
        }
    }

    @Test
    public void theSuppliersFeedListsItsDropShipWinesWithACostUnderThePrice() {
        List<String> lines = cellar.supplierFeed().lines().toList();
        assertEquals("sku,quantity,cost,currency,discontinued", lines.get(0));
        long dropShip = cellar.stock().stream().filter(s -> s.location().equals(WineCellar.DROP_SHIP)).count();
        assertEquals(dropShip, lines.size() - 1);
        assertTrue(dropShip > 50);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            ProductInput wine = cellar.products().stream().filter(p -> p.sku().equals(cells[0])).findFirst().orElseThrow();
            assertTrue(line, new java.math.BigDecimal(cells[2]).compareTo(wine.price().amount()) < 0);
            assertEquals("EUR", cells[3]);
        }
    }

    @Test
    public void aCellarHasBetweenOneAndNineThousandWines() {
        assertThrows(IllegalArgumentException.class, () -> new WineCellar(0));
        assertEquals(21, new WineCellar(1).products().size());
    }

    @Test
    public void slugsAreAsciiAndDashed() {
        assertEquals("chateau-belle-roche-cotes-du-rhone-2019", WineCellar.slug("Château Belle Roche — Côtes du Rhône 2019"));
    }
}
