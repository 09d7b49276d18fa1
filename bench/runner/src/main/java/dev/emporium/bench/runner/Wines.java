package dev.emporium.bench.runner;

import dev.emporium.catalog.api.AttributeDefinition;
import dev.emporium.catalog.api.AttributeType;
import dev.emporium.catalog.api.Category;
import dev.emporium.catalog.api.ProductType;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The generated supplier catalog: wines with every attribute of the wine type, as a CSV the import route reads.
 * The same generator as bench/catalog's CatalogBench (same seed, columns and value ranges), so both benches import
 * the same rows.
 */
final class Wines {

    static final List<String> COLOURS = List.of("red", "white", "rosé", "sparkling");
    static final List<String> GRAPES = List.of("Merlot", "Cabernet Sauvignon", "Pinot Noir", "Syrah", "Chardonnay",
            "Sauvignon Blanc", "Riesling", "Grenache", "Tempranillo", "Chenin Blanc");
    static final List<String> REGIONS = List.of("Bordeaux", "Burgundy", "Rhône", "Loire", "Alsace", "Provence",
            "Champagne", "Rioja", "Mosel", "Tuscany");
    static final List<String> FOODS = List.of("lamb", "beef", "cheese", "fish", "poultry", "shellfish", "mushrooms", "dessert");
    private static final String[] SYLLABLES = {"ba", "be", "ri", "lo", "mu", "sa", "te", "vi", "no", "ca", "du",
            "fo", "ge", "ha", "ji", "ka", "le", "ma", "ne", "po", "ra", "si", "tu", "va", "xe", "zo", "ché", "rô"};
    static final String HEADER = "sku,slug,name,shortDescription,longDescription,brand,type,categories,price,currency,packPrices,"
            + "shipping.weightGrams,shipping.lengthMm,shipping.widthMm,shipping.heightMm,media,seo.keywords,"
            + "seo.metaTitle,seo.metaDescription,attr.colour,attr.grape,attr.vintage,attr.region,attr.vineyard,"
            + "attr.vineyard_story,attr.food_pairings,attr.alcohol,attr.organic,attr.bottled_on";

    final String[] vocabulary = new String[3000];

    Wines() {
        Random r = new Random(7);
        for (int i = 0; i < vocabulary.length; i++) {
            vocabulary[i] = word(r);
        }
    }

    static String sku(int i) {
        return sku("W", i);
    }

    static String sku(String prefix, int i) {
        return String.format("%s-%06d", prefix, i);
    }

    void generate(Path csv, int count) throws IOException {
        generate(csv, count, "W");
    }

    /** {@code count} wines whose SKUs start with {@code prefix} (the slug is the SKU in lower case). */
    void generate(Path csv, int count, String prefix) throws IOException {
        Random r = new Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write(HEADER + "\r\n");
            for (int i = 0; i < count; i++) {
                String sku = sku(prefix, i);
                String colour = COLOURS.get(r.nextInt(COLOURS.size()));
                String region = REGIONS.get(r.nextInt(REGIONS.size()));
                int vintage = 2000 + r.nextInt(24);
                String name = "Château " + capital(pick(r)) + " " + capital(pick(r)) + " " + vintage;
                BigDecimal price = BigDecimal.valueOf(500 + r.nextInt(15_000), 2);
                Set<String> grapes = new LinkedHashSet<>();
                for (int g = 0, n = 1 + r.nextInt(3); g < n; g++) {
                    grapes.add(GRAPES.get(r.nextInt(GRAPES.size())));
                }
                Set<String> foods = new LinkedHashSet<>(List.of(FOODS.get(r.nextInt(FOODS.size())), FOODS.get(r.nextInt(FOODS.size()))));
                String brand = "Domaine " + capital(vocabulary[r.nextInt(400)]);
                List<String> row = List.of(sku, sku.toLowerCase(Locale.ROOT), name, sentence(r, 14), sentence(r, 80), brand, "wine",
                        colourCategory(colour) + "|" + regionCategory(region), price.toPlainString(), "EUR",
                        "6=" + price.multiply(BigDecimal.valueOf(6)).toPlainString() + "|12=" + price.multiply(BigDecimal.valueOf(11)).toPlainString(),
                        "1300", "80", "80", "320",
                        "https://img.example/" + sku + "-front.jpg Front label, " + name + "|https://img.example/" + sku + "-back.jpg",
                        pick(r) + "|" + colour + "|" + region.toLowerCase(Locale.ROOT) + "|wine", name + " | Emporium",
                        "Buy " + name + ", a " + colour + " wine from " + region, colour, String.join("|", grapes),
                        String.valueOf(vintage), region, brand,
                        "{\"en\":\"" + sentence(r, 30) + "\",\"fr\":\"" + sentence(r, 30) + "\"}", String.join("|", foods),
                        (11 + r.nextInt(5)) + "." + r.nextInt(10), String.valueOf(r.nextBoolean()),
                        (vintage + 2) + "-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10));
                for (int c = 0; c < row.size(); c++) {
                    if (c > 0) {
                        out.write(',');
                    }
                    String cell = row.get(c);
                    if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0) {
                        out.write('"');
                        out.write(cell.replace("\"", "\"\""));
                        out.write('"');
                    } else {
                        out.write(cell);
                    }
                }
                out.write("\r\n");
            }
        }
    }

    static ProductType wineType() {
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

    /** Parents before children. */
    static List<Category> categories() {
        List<Category> all = new ArrayList<>();
        all.add(new Category("wine", "Wine", null));
        for (String colour : COLOURS) {
            all.add(new Category(colourCategory(colour), capital(colour) + " wine", "wine"));
        }
        all.add(new Category("regions", "Regions", null));
        for (String region : REGIONS) {
            all.add(new Category(regionCategory(region), region, "regions"));
        }
        return all;
    }

    static String colourCategory(String colour) {
        return (colour.equals("rosé") ? "rose" : colour) + "-wine";
    }

    static String regionCategory(String region) {
        return "region-" + region.toLowerCase(Locale.ROOT).replace("ô", "o");
    }

    String pick(Random r) {
        return vocabulary[r.nextInt(vocabulary.length)];
    }

    private String sentence(Random r, int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            b.append(i == 0 ? capital(pick(r)) : " " + pick(r));
        }
        return b.append('.').toString();
    }

    private static String word(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0, n = 2 + r.nextInt(3); i < n; i++) {
            b.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        }
        return b.toString();
    }

    static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
