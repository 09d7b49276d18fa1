package dev.emporium.catalog.internal.search;

import dev.emporium.catalog.api.AttributeDefinition;
import dev.emporium.catalog.api.AttributeType;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductStatus;
import dev.emporium.catalog.api.ProductType;
import dev.emporium.catalog.api.Seo;
import dev.emporium.platform.api.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A wine shop's catalogue built in code: 50 generated wines, a few written by hand, and two glasses. */
final class Wines {

    static final List<String> COLOURS = List.of("red", "white", "rosé", "sparkling");
    static final List<String> GRAPES = List.of("Merlot", "Cabernet Sauvignon", "Pinot Noir", "Chardonnay",
            "Sauvignon Blanc", "Syrah", "Grenache");
    static final List<String> REGIONS = List.of("Bordeaux", "Bourgogne", "Provence", "Champagne", "Rhône");
    static final List<String> BRANDS = List.of("Domaine Lafleur", "Maison Dupré", "Cave Saint-Jean");
    static final List<List<String>> FOODS = List.of(List.of("lamb", "beef"), List.of("oysters", "fish"),
            List.of("cheese"), List.of("dessert", "fruit"));
    static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    static final ProductType WINE = new ProductType("wine", "Wine", List.of(
            attribute("colour", AttributeType.ENUMERATION, null, true, COLOURS),
            attribute("grape", AttributeType.LIST, null, true, GRAPES),
            attribute("vintage", AttributeType.INTEGER, null, true, List.of()),
            attribute("region", AttributeType.TEXT, null, true, List.of()),
            attribute("alcohol", AttributeType.NUMBER, "%", false, List.of()),
            attribute("food_pairings", AttributeType.LIST, null, false, List.of()),
            attribute("vineyard_story", AttributeType.LOCALIZED_TEXT, null, false, List.of())));

    static final ProductType GLASS = new ProductType("glass", "Glass", List.of(
            attribute("material", AttributeType.ENUMERATION, null, true, List.of("crystal", "glass")),
            attribute("capacity", AttributeType.NUMBER, "cl", false, List.of()),
            attribute("dishwasher_safe", AttributeType.BOOLEAN, null, true, List.of())));

    private Wines() {
    }

    /** Everything the shop has, on sale or not. */
    static List<IndexedProduct> catalogue() {
        List<IndexedProduct> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(generated(i));
        }
        all.add(wine("S-ROSE", "Château Lumière Rosé", "Maison Dupré", "rosé", List.of("Grenache", "Syrah"), 2022,
                "Provence", "14.90", new BigDecimal("4.5"),
                "A pale rosé from the hills.", "Pale salmon colour with notes of wild strawberry and citrus.",
                List.of("apéritif", "summer"), List.of("grilled fish"),
                Map.of("fr", "Une famille de vignerons à Tavel depuis 1890"), ProductStatus.PUBLISHED, true, 60));
        all.add(wine("S-STRAW", "Strawberry Hill Pinot Noir", "Cave Saint-Jean", "red", List.of("Pinot Noir"), 2019,
                "Bourgogne", "24.00", null, "A light red.", "Bright and fresh.", List.of(), List.of("duck"),
                Map.of("en", "Planted by a retired sailor."), ProductStatus.PUBLISHED, true, 61));
        all.add(wine("S-DRAFT", "Secret Cuvée Rosé", "Maison Dupré", "rosé", List.of("Grenache"), 2023,
                "Provence", "19.00", null, "Not yet.", "An unannounced wine.", List.of(), List.of(),
                Map.of(), ProductStatus.DRAFT, true, 62));
        all.add(wine("S-GONE", "Discontinued Cuvée Rosé", "Maison Dupré", "rosé", List.of("Grenache"), 2015,
                "Provence", "9.00", null, "Sold out for good.", "No more.", List.of(), List.of(),
                Map.of(), ProductStatus.PUBLISHED, false, 63));
        all.add(glass("G-001", "Crystal Bordeaux Glass", "crystal", "65", false, "12.00"));
        all.add(glass("G-002", "Everyday Wine Glass", "glass", "35", true, "4.50"));
        return all;
    }

    /** The products storefront search may show. */
    static List<IndexedProduct> onSale() {
        return catalogue().stream().filter(p -> p.product().onSale()).toList();
    }

    static List<IndexedProduct> wines() {
        return onSale().stream().filter(p -> "wine".equals(p.product().type())).toList();
    }

    static IndexedProduct generated(int i) {
        String colour = COLOURS.get(i % 4);
        String region = REGIONS.get(i % 5);
        int vintage = 2010 + (i * 7) % 13;
        List<String> grapes = List.of(GRAPES.get(i % 7), GRAPES.get((i + 3) % 7));
        // every price, rating and update time is shared by two or three wines, so ties must break by SKU
        String price = BigDecimal.valueOf(500 + (i % 20) * 125L, 2).toPlainString();
        BigDecimal rating = i % 6 == 0 ? null : BigDecimal.valueOf(10 + (i % 9) * 5L, 1);
        return wine(String.format("W%03d", i), "Cuvée " + region + " " + vintage, BRANDS.get(i % 3), colour, grapes,
                vintage, region, price, rating, "A " + colour + " wine of " + region + ".",
                "Aged in oak barrels, generous and balanced.", List.of("wine", colour), FOODS.get(i % 4),
                Map.of("en", "Our family has tended these vines for generations."),
                ProductStatus.PUBLISHED, true, i % 25);
    }

    static IndexedProduct wine(String sku, String name, String brand, String colour, List<String> grapes, int vintage,
                               String region, String price, BigDecimal rating, String shortDescription,
                               String longDescription, List<String> keywords, List<String> foods,
                               Map<String, String> story, ProductStatus status, boolean sellable, int minutes) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("colour", colour);
        attributes.put("grape", grapes);
        attributes.put("vintage", (long) vintage);
        attributes.put("region", region);
        attributes.put("alcohol", new BigDecimal("12.5").add(BigDecimal.valueOf(vintage % 4, 1)));
        if (!foods.isEmpty()) {
            attributes.put("food_pairings", foods);
        }
        if (!story.isEmpty()) {
            attributes.put("vineyard_story", story);
        }
        String colourCategory = (colour.equals("rosé") ? "rose" : colour) + "-wines";
        Product p = new Product(sku, sku.toLowerCase(), name, shortDescription, longDescription, brand, "wine",
                attributes, List.of(colourCategory), Money.of(price, "EUR"), List.of(), null, List.of(),
                new Seo(keywords, null, null), status, sellable, 1, EPOCH.plusSeconds(minutes * 60L));
        return new IndexedProduct(p, WINE, Set.of("wines", colourCategory), rating);
    }

    static IndexedProduct glass(String sku, String name, String material, String capacity, boolean dishwasher,
                                String price) {
        Map<String, Object> attributes = Map.of("material", material, "capacity", new BigDecimal(capacity),
                "dishwasher_safe", dishwasher);
        Product p = new Product(sku, sku.toLowerCase(), name, "A glass.", "Hand-blown.", "Verrerie Alsace", "glass",
                attributes, List.of("glasses"), Money.of(price, "EUR"), List.of(), null, List.of(),
                new Seo(List.of(), null, null), ProductStatus.PUBLISHED, true, 1, EPOCH);
        return new IndexedProduct(p, GLASS, Set.of("accessories", "glasses"), null);
    }

    static Object attribute(IndexedProduct p, String code) {
        return p.product().attributes().get(code);
    }

    private static AttributeDefinition attribute(String code, AttributeType type, String unit, boolean facetable,
                                                 List<String> values) {
        return new AttributeDefinition(code, code, type, unit, false, facetable, values);
    }
}
