package dev.emporium.bench.jmh;

import dev.emporium.catalog.api.AttributeDefinition;
import dev.emporium.catalog.api.AttributeType;
import dev.emporium.catalog.api.Media;
import dev.emporium.catalog.api.PackPrice;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductStatus;
import dev.emporium.catalog.api.ProductType;
import dev.emporium.catalog.api.SearchQuery;
import dev.emporium.catalog.api.Seo;
import dev.emporium.catalog.api.Shipping;
import dev.emporium.catalog.internal.search.IndexedProduct;
import dev.emporium.platform.api.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Generated wines with every attribute of the wine type, as bench/run imports them; the same seed, the same wines. */
final class Wines {

    static final List<String> COLOURS = List.of("red", "white", "rosé", "sparkling");
    static final List<String> GRAPES = List.of("Merlot", "Cabernet Sauvignon", "Pinot Noir", "Syrah", "Chardonnay",
            "Sauvignon Blanc", "Riesling", "Grenache", "Malbec", "Tempranillo", "Chenin Blanc", "Gewürztraminer");
    static final List<String> REGIONS = List.of("Bordeaux", "Burgundy", "Rhône", "Loire", "Alsace", "Provence",
            "Champagne", "Languedoc", "Rioja", "Tuscany", "Piedmont", "Mosel");
    static final List<String> FOODS = List.of("lamb", "beef", "cheese", "fish", "poultry", "shellfish", "mushrooms", "dessert");
    private static final String[] SYLLABLES = {"ba", "be", "ri", "lo", "mu", "sa", "te", "vi", "no", "ca", "du",
            "fe", "gi", "la", "mo", "ne", "pa", "ro", "su", "ta"};

    private Wines() {
    }

    static ProductType type() {
        return new ProductType("wine", "Wine", List.of(
                new AttributeDefinition("colour", "Colour", AttributeType.ENUMERATION, null, true, true, COLOURS),
                new AttributeDefinition("grape", "Grapes", AttributeType.LIST, null, true, true, List.of()),
                new AttributeDefinition("vintage", "Vintage", AttributeType.INTEGER, null, false, true, List.of()),
                new AttributeDefinition("region", "Region", AttributeType.TEXT, null, true, true, List.of()),
                new AttributeDefinition("vineyard", "Vineyard", AttributeType.TEXT, null, false, false, List.of()),
                new AttributeDefinition("vineyard_story", "The vineyard's story", AttributeType.LOCALIZED_TEXT, null, false, false, List.of()),
                new AttributeDefinition("food_pairings", "Goes well with", AttributeType.LIST, null, false, false, FOODS),
                new AttributeDefinition("alcohol", "Alcohol", AttributeType.NUMBER, "% vol", false, false, List.of()),
                new AttributeDefinition("organic", "Organic", AttributeType.BOOLEAN, null, false, true, List.of()),
                new AttributeDefinition("bottled_on", "Bottled on", AttributeType.DATE, null, false, false, List.of())));
    }

    /** A wine's attributes as a supplier's file or an editor sends them (strings, lists and maps from JSON). */
    static Map<String, Object> attributes(Random r) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("colour", pick(r, COLOURS));
        a.put("grape", List.of(pick(r, GRAPES), pick(r, GRAPES)).stream().distinct().toList());
        a.put("vintage", String.valueOf(1990 + r.nextInt(33)));
        a.put("region", pick(r, REGIONS));
        a.put("vineyard", capital(word(r)) + " " + capital(word(r)));
        a.put("vineyard_story", Map.of("en", sentence(r, 30), "fr", sentence(r, 30)));
        a.put("food_pairings", List.of(pick(r, FOODS), pick(r, FOODS)).stream().distinct().toList());
        a.put("alcohol", (11 + r.nextInt(5)) + "." + r.nextInt(10));
        a.put("organic", String.valueOf(r.nextBoolean()));
        a.put("bottled_on", (2000 + r.nextInt(23)) + "-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(9));
        return a;
    }

    static Product product(int i, Random r, Map<String, Object> attributes) {
        String sku = String.format("WINE-%06d", i);
        String name = capital(word(r)) + " " + capital(word(r)) + " " + (1990 + r.nextInt(33));
        Money price = new Money(new BigDecimal((5 + r.nextInt(95)) + "." + (10 + r.nextInt(90))), "EUR");
        return new Product(sku, "wine-" + i, name, sentence(r, 12), sentence(r, 80), "Domaine " + capital(word(r)),
                "wine", attributes, List.of(colourCategory((String) attributes.get("colour"))), price,
                List.of(new PackPrice(6, new Money(price.amount().multiply(BigDecimal.valueOf(6)), "EUR"))),
                new Shipping(1400, 300, 80, 80), List.of(new Media("https://img.example/" + sku + ".jpg", name)),
                new Seo(List.of(word(r), word(r)), name, sentence(r, 15)), ProductStatus.PUBLISHED, true, 1,
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** {@code count} wines ready for the search index, with the attributes in the checked (typed) form. */
    static List<IndexedProduct> indexed(int count, ProductType type) {
        Random r = new Random(42);
        List<IndexedProduct> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, Object> raw = attributes(r);
            Map<String, Object> typed = dev.emporium.catalog.internal.model.AttributeValues.check(type, raw).values();
            Product p = product(i, r, typed);
            Set<String> categories = new LinkedHashSet<>(List.of("wine"));
            categories.addAll(p.categories());
            all.add(new IndexedProduct(p, type, categories, null));
        }
        return all;
    }

    /** The storefront's searches as bench/run sends them: words, facets, a category with a grape by price, ranges. */
    static List<SearchQuery> queries(int count) {
        Random r = new Random(99);
        List<SearchQuery> queries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String colour = pick(r, COLOURS);
            String grape = pick(r, GRAPES);
            queries.add(switch (r.nextInt(6)) {
                case 0 -> new SearchQuery(word(r), Map.of(), Map.of(), null, null, 24);
                case 1 -> new SearchQuery(word(r), Map.of("colour", List.of(colour)), Map.of(), null, null, 24);
                case 2 -> new SearchQuery(null, Map.of("colour", List.of(colour), "grape",
                        List.of(grape, pick(r, GRAPES)).stream().distinct().toList()), Map.of(), null, null, 24);
                case 3 -> new SearchQuery(null, Map.of("category", List.of(colourCategory(colour)), "grape", List.of(grape)),
                        Map.of(), SearchQuery.Sort.PRICE_ASC, null, 24);
                case 4 -> new SearchQuery(null, Map.of("colour", List.of(colour)), Map.of(
                        "vintage", new SearchQuery.Range(BigDecimal.valueOf(2000 + r.nextInt(15)), null),
                        "price", new SearchQuery.Range(BigDecimal.TEN, BigDecimal.valueOf(40))), null, null, 24);
                default -> new SearchQuery("Domaine " + capital(word(r)), Map.of(), Map.of(), null, null, 24);
            });
        }
        return queries;
    }

    static String colourCategory(String colour) {
        return switch (colour) {
            case "red" -> "red-wine";
            case "white" -> "white-wine";
            case "rosé" -> "rose-wine";
            default -> "sparkling-wine";
        };
    }

    private static String pick(Random r, List<String> from) {
        return from.get(r.nextInt(from.size()));
    }

    private static String sentence(Random r, int words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            s.append(i == 0 ? capital(word(r)) : word(r)).append(i == words - 1 ? "." : " ");
        }
        return s.toString();
    }

    private static String word(Random r) {
        StringBuilder w = new StringBuilder();
        int n = 2 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            w.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        }
        return w.toString();
    }

    private static String capital(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
