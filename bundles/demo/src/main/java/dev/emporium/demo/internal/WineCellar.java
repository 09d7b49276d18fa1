package dev.emporium.demo.internal;

import dev.emporium.catalog.api.AttributeDefinition;
import dev.emporium.catalog.api.AttributeType;
import dev.emporium.catalog.api.Category;
import dev.emporium.catalog.api.ExpertRatingInput;
import dev.emporium.catalog.api.Media;
import dev.emporium.catalog.api.PackPrice;
import dev.emporium.catalog.api.PressMentionInput;
import dev.emporium.catalog.api.ProductInput;
import dev.emporium.catalog.api.ProductType;
import dev.emporium.catalog.api.RelationInput;
import dev.emporium.catalog.api.RelationKind;
import dev.emporium.catalog.api.ReviewInput;
import dev.emporium.catalog.api.Seo;
import dev.emporium.catalog.api.Shipping;
import dev.emporium.platform.api.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The demo wine store's content, generated from a fixed seed: the same wines, glasses and gift boxes, with the same
 * ratings, press, relations and stock, on every machine and every run. Pure data; {@link DemoStore} writes it.
 */
public final class WineCellar {

    /** Every demo SKU starts with this, so the loader tells its own products from a store's. */
    public static final String SKU_PREFIX = "DEMO-";
    public static final String CURRENCY = "EUR";
    /** The SKUs the cellar makes, whatever its size: wines, glasses and gift boxes. */
    private static final java.util.regex.Pattern SKUS = java.util.regex.Pattern.compile("DEMO-(W\\d{4}|[GB]\\d{2})");
    public static final String WAREHOUSE = "warehouse";
    public static final String DROP_SHIP = "dropship";

    private static final long SEED = 20261125L;

    private record Appellation(String region, String country, String colour, List<String> grapes, int minPrice, int maxPrice,
                               List<String> pairings, String note) {
    }

    private static final List<Appellation> APPELLATIONS = List.of(
            new Appellation("Bordeaux", "France", "red", List.of("Merlot", "Cabernet Sauvignon", "Cabernet Franc"), 12, 120,
                    List.of("lamb", "beef", "hard cheese"), "cassis and cedar"),
            new Appellation("Bordeaux", "France", "sweet", List.of("Sémillon", "Sauvignon Blanc"), 25, 90,
                    List.of("foie gras", "blue cheese", "fruit tart"), "honey and apricot"),
            new Appellation("Bourgogne", "France", "red", List.of("Pinot Noir"), 18, 150,
                    List.of("duck", "mushrooms", "poultry"), "cherry and forest floor"),
            new Appellation("Bourgogne", "France", "white", List.of("Chardonnay"), 15, 110,
                    List.of("oysters", "fish", "goat cheese"), "butter and hazelnut"),
            new Appellation("Rhône", "France", "red", List.of("Syrah", "Grenache", "Mourvèdre"), 10, 70,
                    List.of("game", "barbecue", "lamb"), "pepper and black olive"),
            new Appellation("Loire", "France", "white", List.of("Chenin Blanc", "Sauvignon Blanc"), 9, 45,
                    List.of("goat cheese", "fish", "asparagus"), "citrus and flint"),
            new Appellation("Provence", "France", "rosé", List.of("Grenache", "Cinsault"), 9, 35,
                    List.of("salads", "grilled fish", "tapas"), "strawberry and peach"),
            new Appellation("Champagne", "France", "sparkling", List.of("Chardonnay", "Pinot Noir", "Pinot Meunier"), 28, 180,
                    List.of("aperitif", "oysters", "sushi"), "brioche and green apple"),
            new Appellation("Rioja", "Spain", "red", List.of("Tempranillo", "Garnacha"), 9, 60,
                    List.of("lamb", "chorizo", "manchego"), "vanilla and red fruit"),
            new Appellation("Piemonte", "Italy", "red", List.of("Nebbiolo", "Barbera"), 14, 130,
                    List.of("truffle", "risotto", "beef"), "rose and tar"),
            new Appellation("Toscana", "Italy", "red", List.of("Sangiovese"), 11, 90,
                    List.of("pasta", "pizza", "beef"), "sour cherry and herbs"),
            new Appellation("Mosel", "Germany", "white", List.of("Riesling"), 11, 55,
                    List.of("spicy food", "pork", "fish"), "lime and slate"),
            new Appellation("Douro", "Portugal", "red", List.of("Touriga Nacional", "Touriga Franca"), 10, 65,
                    List.of("stew", "beef", "chocolate"), "blackberry and violet"),
            new Appellation("Mendoza", "Argentina", "red", List.of("Malbec"), 8, 50,
                    List.of("steak", "barbecue", "empanadas"), "plum and cocoa"),
            new Appellation("Napa Valley", "United States", "red", List.of("Cabernet Sauvignon", "Zinfandel"), 22, 160,
                    List.of("steak", "burger", "hard cheese"), "blackcurrant and mocha"),
            new Appellation("Marlborough", "New Zealand", "white", List.of("Sauvignon Blanc"), 10, 35,
                    List.of("seafood", "salads", "goat cheese"), "passion fruit and cut grass"),
            new Appellation("Barossa", "Australia", "red", List.of("Shiraz"), 12, 95,
                    List.of("barbecue", "lamb", "game"), "blackberry and liquorice"));

    private static final List<String> ESTATE_WORDS = List.of("Belle", "Roche", "Vigne", "Clos", "Mont", "Pierre", "Soleil",
            "Chêne", "Rivière", "Colline", "Étoile", "Fontaine", "Lune", "Vallon", "Garenne", "Tour", "Croix", "Pré");
    private static final Map<String, List<String>> ESTATE_KINDS = Map.of("France", List.of("Château", "Domaine"),
            "Spain", List.of("Bodega"), "Italy", List.of("Tenuta", "Cantina"), "Germany", List.of("Weingut"),
            "Portugal", List.of("Quinta"), "Argentina", List.of("Bodega", "Finca"));
    private static final List<String> CRITICS = List.of("Robert Parker", "Jancis Robinson", "James Suckling", "Wine Spectator",
            "Bettane+Desseauve", "Decanter World Wine Awards");
    private static final List<String> PUBLICATIONS = List.of("Decanter", "Wine Enthusiast", "La Revue du vin de France",
            "The World of Fine Wine", "Le Monde", "The Guardian");
    private static final List<String> BUYERS = List.of("Anna", "Bruno", "Chloé", "Daniel", "Elena", "Farid", "Greta", "Hugo",
            "Inès", "Jonas", "Kenji", "Lucía", "Marta", "Nils", "Olga", "Pablo", "Quentin", "Rosa", "Sven", "Tara");

    private final int wineCount;
    private final List<ProductInput> wines = new ArrayList<>();
    private final List<ProductInput> accessories = new ArrayList<>();
    private final Map<String, List<ExpertRatingInput>> experts = new LinkedHashMap<>();
    private final Map<String, List<PressMentionInput>> press = new LinkedHashMap<>();
    private final Map<String, List<RelationInput>> relations = new LinkedHashMap<>();
    private final Map<String, List<DemoReview>> reviews = new LinkedHashMap<>();
    private final List<DemoStock> stock = new ArrayList<>();

    /** A buyer's review as the demo writes it, by a demo customer id. */
    public record DemoReview(String customerId, ReviewInput review) {
    }

    /** Units of a SKU at a location, with the safety stock kept back there. */
    public record DemoStock(String sku, String location, long units, long safetyStock) {
    }

    public WineCellar(int wineCount) {
        if (wineCount < 1 || wineCount > 9999) {
            throw new IllegalArgumentException("wines must be between 1 and 9999: " + wineCount);
        }
        this.wineCount = wineCount;
        generate(new Random(SEED));
    }

    public List<ProductType> types() {
        return List.of(
                new ProductType("wine", "Wine", List.of(
                        attribute("colour", "Colour", AttributeType.ENUMERATION, null, true, true,
                                List.of("red", "white", "rosé", "sparkling", "sweet")),
                        attribute("grape", "Grapes", AttributeType.LIST, null, true, true, null),
                        attribute("vintage", "Vintage", AttributeType.INTEGER, null, false, true, null),
                        attribute("region", "Region", AttributeType.TEXT, null, true, true, null),
                        attribute("country", "Country", AttributeType.TEXT, null, true, true, null),
                        attribute("vineyard", "Vineyard", AttributeType.TEXT, null, false, false, null),
                        attribute("vineyard_story", "The vineyard's story", AttributeType.LOCALIZED_TEXT, null, false, false, null),
                        attribute("food_pairings", "Goes well with", AttributeType.LIST, null, false, true, null),
                        attribute("alcohol", "Alcohol", AttributeType.NUMBER, "% vol", false, false, null),
                        attribute("volume", "Bottle", AttributeType.INTEGER, "ml", true, true, null),
                        attribute("organic", "Organic", AttributeType.BOOLEAN, null, false, true, null),
                        attribute("serving_temperature", "Serve at", AttributeType.NUMBER, "°C", false, false, null),
                        attribute("drink_before", "Drink before", AttributeType.DATE, null, false, false, null))),
                new ProductType("glassware", "Glassware", List.of(
                        attribute("material", "Material", AttributeType.ENUMERATION, null, true, true, List.of("crystal", "glass")),
                        attribute("capacity", "Capacity", AttributeType.INTEGER, "ml", true, false, null),
                        attribute("pieces", "Pieces in the box", AttributeType.INTEGER, null, true, true, null),
                        attribute("dishwasher_safe", "Dishwasher safe", AttributeType.BOOLEAN, null, false, true, null),
                        attribute("suited_for", "Suited for", AttributeType.LIST, null, false, true, null))),
                new ProductType("gift_box", "Gift box", List.of(
                        attribute("bottles", "Bottles it holds", AttributeType.INTEGER, null, true, true, null),
                        attribute("occasion", "Occasion", AttributeType.ENUMERATION, null, true, true,
                                List.of("birthday", "wedding", "thank you", "holidays")),
                        attribute("material", "Material", AttributeType.TEXT, null, false, false, null))));
    }

    public List<Category> categories() {
        List<Category> all = new ArrayList<>(List.of(new Category("wine", "Wine", null),
                new Category("red-wine", "Red wine", "wine"), new Category("white-wine", "White wine", "wine"),
                new Category("rose-wine", "Rosé wine", "wine"), new Category("sparkling-wine", "Sparkling wine", "wine"),
                new Category("sweet-wine", "Sweet wine", "wine"),
                new Category("accessories", "Accessories", null), new Category("glasses", "Glasses", "accessories"),
                new Category("gifts", "Gifts", null), new Category("gift-boxes", "Gift boxes", "gifts")));
        return all;
    }

    /** Wines first, then glasses and gift boxes. */
    public List<ProductInput> products() {
        List<ProductInput> all = new ArrayList<>(wines);
        all.addAll(accessories);
        return all;
    }

    public int wineCount() {
        return wineCount;
    }

    public List<ExpertRatingInput> expertRatings(String sku) {
        return experts.getOrDefault(sku, List.of());
    }

    public List<PressMentionInput> pressMentions(String sku) {
        return press.getOrDefault(sku, List.of());
    }

    public List<RelationInput> relations(String sku) {
        return relations.getOrDefault(sku, List.of());
    }

    public List<DemoReview> reviews(String sku) {
        return reviews.getOrDefault(sku, List.of());
    }

    public List<DemoStock> stock() {
        return List.copyOf(stock);
    }

    /**
     * The drop-ship supplier's feed as it sends it: a CSV of its wines with the stock it holds for the store, its unit
     * cost (a little over half the shelf price) and whether it will ever deliver the wine again.
     */
    public String supplierFeed() {
        StringBuilder csv = new StringBuilder("sku,quantity,cost,currency,discontinued\n");
        for (DemoStock s : stock) {
            if (s.location().equals(DROP_SHIP)) {
                BigDecimal cost = wine(s.sku()).price().amount().multiply(new BigDecimal("0.55")).setScale(2, RoundingMode.HALF_UP);
                csv.append(s.sku()).append(',').append(s.units()).append(',').append(cost.toPlainString()).append(",EUR,no\n");
            }
        }
        return csv.toString();
    }

    private void generate(Random random) {
        Map<String, List<String>> byRegionColour = new LinkedHashMap<>();
        for (int i = 1; i <= wineCount; i++) {
            Appellation a = APPELLATIONS.get(random.nextInt(APPELLATIONS.size()));
            String sku = SKU_PREFIX + "W" + String.format(Locale.ROOT, "%04d", i);
            List<String> kinds = ESTATE_KINDS.getOrDefault(a.country(), List.of("Estate", "Winery"));
            String estate = kinds.get(random.nextInt(kinds.size())) + " "
                    + ESTATE_WORDS.get(random.nextInt(ESTATE_WORDS.size())) + " "
                    + ESTATE_WORDS.get(random.nextInt(ESTATE_WORDS.size()));
            int vintage = a.colour().equals("sparkling") && random.nextInt(3) == 0 ? 0 : 2008 + random.nextInt(16);
            List<String> grapes = pick(random, a.grapes(), 1 + random.nextInt(Math.min(2, a.grapes().size())));
            BigDecimal price = BigDecimal.valueOf(a.minPrice() * 100L + random.nextInt((a.maxPrice() - a.minPrice()) * 100 + 1))
                    .movePointLeft(2);
            price = price.setScale(0, RoundingMode.DOWN).add(new BigDecimal("0.90"));
            String name = estate + " " + a.region() + (vintage == 0 ? " Brut" : " " + vintage);
            String slug = slug(name) + "-" + i;

            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("colour", a.colour());
            attributes.put("grape", grapes);
            if (vintage != 0) {
                attributes.put("vintage", vintage);
                attributes.put("drink_before", LocalDate.of(vintage + 5 + random.nextInt(20), 12, 31).toString());
            }
            attributes.put("region", a.region());
            attributes.put("country", a.country());
            attributes.put("vineyard", estate.substring(estate.indexOf(' ') + 1) + " vineyard");
            attributes.put("vineyard_story", Map.of(
                    "en", "The " + estate + " family has tended these " + a.region() + " slopes for " + (2 + random.nextInt(8))
                            + " generations; the vines grow on " + (random.nextBoolean() ? "limestone" : "gravel") + " soils.",
                    "fr", "La famille " + estate + " cultive ces coteaux de " + a.region() + " depuis des générations."));
            attributes.put("food_pairings", a.pairings());
            attributes.put("alcohol", BigDecimal.valueOf(115 + random.nextInt(35)).movePointLeft(1).toPlainString());
            attributes.put("volume", random.nextInt(10) == 0 ? 1500 : 750);
            attributes.put("organic", random.nextInt(4) == 0);
            attributes.put("serving_temperature", switch (a.colour()) {
                case "red" -> "17";
                case "sparkling" -> "7";
                case "sweet" -> "9";
                default -> "10";
            });
            int bottleMl = (Integer) attributes.get("volume");
            Shipping shipping = bottleMl == 1500 ? new Shipping(2600, 110, 110, 400) : new Shipping(1300, 80, 80, 320);
            List<String> keywords = new ArrayList<>(List.of(a.colour() + " wine", a.region().toLowerCase(Locale.ROOT)));
            grapes.forEach(g -> keywords.add(g.toLowerCase(Locale.ROOT)));
            keywords.addAll(List.of(a.note().split(" and ")));
            wines.add(new ProductInput(sku, slug, name,
                    "A " + a.colour() + " " + a.region() + " of " + String.join(" and ", grapes) + ": " + a.note() + ".",
                    "From " + estate + " in " + a.region() + ", " + a.country() + ". " + String.join(", ", grapes)
                            + " grapes, hand-picked and aged with care; on the nose " + a.note() + ". Serve with "
                            + String.join(", ", a.pairings()) + ".",
                    estate, "wine", attributes, List.of(category(a.colour())), Money.of(price.toPlainString(), CURRENCY),
                    List.of(new PackPrice(6, Money.of(box(price, 6, "0.95"), CURRENCY)),
                            new PackPrice(12, Money.of(box(price, 12, "0.90"), CURRENCY))),
                    shipping, List.of(new Media("/store/img/" + a.colour().replace("é", "e") + ".svg", name)),
                    new Seo(keywords, name + " | Emporium wines",
                            "Buy " + name + ", a " + a.colour() + " wine from " + a.region() + ", by the bottle or the box.")));
            byRegionColour.computeIfAbsent(a.region() + "/" + a.colour(), k -> new ArrayList<>()).add(sku);

            if (random.nextInt(3) > 0) {
                List<ExpertRatingInput> ratings = new ArrayList<>();
                for (String critic : pick(random, CRITICS, 1 + random.nextInt(2))) {
                    boolean outOf20 = critic.startsWith("Bettane") || critic.startsWith("Jancis");
                    BigDecimal score = outOf20 ? BigDecimal.valueOf(150 + random.nextInt(45)).movePointLeft(1)
                            : BigDecimal.valueOf(84 + random.nextInt(16));
                    int year = vintage == 0 ? 2022 : Math.min(2025, vintage + 2);
                    ratings.add(new ExpertRatingInput(critic, score, BigDecimal.valueOf(outOf20 ? 20 : 100),
                            LocalDate.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28)), "Notes of " + a.note() + "."));
                }
                experts.put(sku, ratings);
            }
            if (random.nextInt(6) == 0) {
                String publication = PUBLICATIONS.get(random.nextInt(PUBLICATIONS.size()));
                press.put(sku, List.of(new PressMentionInput(publication, "Ten " + a.region() + " wines to know",
                        LocalDate.of(2020 + random.nextInt(6), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                        "https://press.example/" + slug(publication) + "/" + slug)));
            }
            int reviewCount = random.nextInt(5);
            List<DemoReview> written = new ArrayList<>();
            for (String buyer : pick(random, BUYERS, reviewCount)) {
                int stars = 2 + random.nextInt(4);
                written.add(new DemoReview("demo-" + slug(buyer), new ReviewInput(stars, stars >= 4 ? "We loved it" : "Fine, not more",
                        stars >= 4 ? "Opened it with friends: " + a.note() + ", gone in an hour." : "Decent, a little short.", buyer)));
            }
            if (!written.isEmpty()) {
                reviews.put(sku, written);
            }
            boolean dropShip = random.nextInt(5) == 0;
            stock.add(new DemoStock(sku, dropShip ? DROP_SHIP : WAREHOUSE, random.nextInt(10) == 0 ? 0 : 6 + random.nextInt(240), dropShip ? 0 : 6));
        }

        String[] glassFor = {"red", "white", "sparkling", "rosé"};
        for (int i = 1; i <= 12; i++) {
            String sku = SKU_PREFIX + "G" + String.format(Locale.ROOT, "%02d", i);
            String suited = glassFor[(i - 1) % glassFor.length];
            boolean crystal = i % 3 == 0;
            int pieces = i % 2 == 0 ? 6 : 2;
            String name = (crystal ? "Crystal " : "") + capitalized(suited) + " wine glasses, " + pieces + " pieces";
            BigDecimal price = BigDecimal.valueOf((crystal ? 39 : 14) + pieces * 2L).add(new BigDecimal("0.90"));
            accessories.add(new ProductInput(sku, slug(name) + "-" + i, name, "Glasses shaped for " + suited + " wine.",
                    "A " + (crystal ? "lead-free crystal" : "glass") + " bowl shaped to open " + suited + " wine.",
                    crystal ? "Cristallerie Lune" : "Verrerie du Pré", "glassware",
                    Map.of("material", crystal ? "crystal" : "glass", "capacity", suited.equals("sparkling") ? 210 : 450,
                            "pieces", pieces, "dishwasher_safe", !crystal, "suited_for", List.of(suited)),
                    List.of("glasses"), Money.of(price.toPlainString(), CURRENCY), List.of(),
                    new Shipping(250 * pieces + 300, 250, 200, 260), List.of(new Media("/store/img/glass.svg", name)),
                    new Seo(List.of("wine glasses", suited + " wine glass"), name + " | Emporium", "Glasses for " + suited + " wine.")));
            stock.add(new DemoStock(sku, WAREHOUSE, 40 + i * 3L, 4));
        }
        String[] occasions = {"birthday", "wedding", "thank you", "holidays"};
        for (int i = 1; i <= 8; i++) {
            String sku = SKU_PREFIX + "B" + String.format(Locale.ROOT, "%02d", i);
            int bottles = i % 2 == 0 ? 3 : 1;
            String occasion = occasions[(i - 1) % occasions.length];
            String name = capitalized(occasion) + " gift box for " + bottles + (bottles == 1 ? " bottle" : " bottles");
            accessories.add(new ProductInput(sku, slug(name) + "-" + i, name, "A wooden box for a " + occasion + " gift.",
                    "Pine wood, engraved lid and a card for your words.", "Emporium", "gift_box",
                    Map.of("bottles", bottles, "occasion", occasion, "material", "pine wood"),
                    List.of("gift-boxes"), Money.of(BigDecimal.valueOf(9L + bottles * 5L).add(new BigDecimal("0.90")).toPlainString(), CURRENCY),
                    List.of(), new Shipping(600 + bottles * 200, 350, 100 * bottles, 120), List.of(new Media("/store/img/gift.svg", name)),
                    new Seo(List.of("wine gift", occasion + " gift"), name + " | Emporium", "A wine gift box for a " + occasion + ".")));
            stock.add(new DemoStock(sku, WAREHOUSE, 25 + i * 2L, 2));
        }

        // similar: the next wines of the same region and colour; complementary: the glass for its colour and a gift box
        for (ProductInput wine : wines) {
            String colour = (String) wine.attributes().get("colour");
            String region = (String) wine.attributes().get("region");
            List<String> peers = byRegionColour.get(region + "/" + colour);
            List<RelationInput> rel = new ArrayList<>();
            int at = peers.indexOf(wine.sku());
            for (int k = 1; k <= 2 && k < peers.size(); k++) {
                rel.add(new RelationInput(RelationKind.SIMILAR, peers.get((at + k) % peers.size()), "Another " + colour + " from " + region));
            }
            String glassColour = colour.equals("sweet") ? "white" : colour;
            for (ProductInput glass : accessories) {
                if (glass.type().equals("glassware") && glass.attributes().get("suited_for").equals(List.of(glassColour))) {
                    rel.add(new RelationInput(RelationKind.COMPLEMENTARY, glass.sku(), "The glass that opens a " + colour + " wine"));
                    break;
                }
            }
            rel.add(new RelationInput(RelationKind.CROSS_SELL, accessories.get(12 + random.nextInt(8)).sku(), "Make it a gift"));
            relations.put(wine.sku(), rel);
        }
        // up-sell: in each region and colour, the cheaper wines point at the dearest one
        for (List<String> peers : byRegionColour.values()) {
            ProductInput dearest = peers.stream().map(this::wine).max(java.util.Comparator.comparing(p -> p.price().amount())).orElseThrow();
            for (String sku : peers) {
                if (!sku.equals(dearest.sku()) && wine(sku).price().amount().compareTo(dearest.price().amount()) < 0) {
                    relations.get(sku).add(new RelationInput(RelationKind.UP_SELL, dearest.sku(), "The estate's finest, for a great day"));
                }
            }
        }
    }

    /** True for a SKU the demo makes (of any cellar size): the demo's removal touches no other product. */
    static boolean isDemoSku(String sku) {
        return sku != null && SKUS.matcher(sku).matches();
    }

    private ProductInput wine(String sku) {
        return wines.get(Integer.parseInt(sku.substring(SKU_PREFIX.length() + 1)) - 1);
    }

    private static AttributeDefinition attribute(String code, String label, AttributeType type, String unit, boolean required,
                                                 boolean facetable, List<String> values) {
        return new AttributeDefinition(code, label, type, unit, required, facetable, values);
    }

    private static String box(BigDecimal unit, int size, String factor) {
        return unit.multiply(BigDecimal.valueOf(size)).multiply(new BigDecimal(factor)).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String category(String colour) {
        return switch (colour) {
            case "red" -> "red-wine";
            case "white" -> "white-wine";
            case "rosé" -> "rose-wine";
            case "sparkling" -> "sparkling-wine";
            default -> "sweet-wine";
        };
    }

    private static <T> List<T> pick(Random random, List<T> from, int n) {
        List<T> copy = new ArrayList<>(from);
        List<T> picked = new ArrayList<>();
        for (int i = 0; i < n && !copy.isEmpty(); i++) {
            picked.add(copy.remove(random.nextInt(copy.size())));
        }
        return picked;
    }

    static String slug(String text) {
        String plain = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
