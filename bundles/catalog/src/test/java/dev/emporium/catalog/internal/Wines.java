package dev.emporium.catalog.internal;

import dev.emporium.catalog.api.AttributeDefinition;
import dev.emporium.catalog.api.AttributeType;
import dev.emporium.catalog.api.Media;
import dev.emporium.catalog.api.PackPrice;
import dev.emporium.catalog.api.ProductInput;
import dev.emporium.catalog.api.ProductType;
import dev.emporium.catalog.api.Seo;
import dev.emporium.catalog.api.Shipping;
import dev.emporium.platform.api.Money;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The wine product type of the store owner's example, and wines built on it, for tests. */
public final class Wines {

    private Wines() {
    }

    public static ProductType type() {
        return new ProductType("wine", "Wine", List.of(
                new AttributeDefinition("colour", "Colour", AttributeType.ENUMERATION, null, true, true,
                        List.of("red", "white", "rosé", "sparkling")),
                new AttributeDefinition("grape", "Grapes", AttributeType.LIST, null, true, true, List.of()),
                new AttributeDefinition("vintage", "Vintage", AttributeType.INTEGER, null, false, true, List.of()),
                new AttributeDefinition("region", "Region", AttributeType.TEXT, null, true, true, List.of()),
                new AttributeDefinition("vineyard", "Vineyard", AttributeType.TEXT, null, false, false, List.of()),
                new AttributeDefinition("vineyard_story", "The vineyard's story", AttributeType.LOCALIZED_TEXT, null, false, false, List.of()),
                new AttributeDefinition("food_pairings", "Goes well with", AttributeType.LIST, null, false, false, List.of()),
                new AttributeDefinition("alcohol", "Alcohol", AttributeType.NUMBER, "% vol", false, false, List.of()),
                new AttributeDefinition("organic", "Organic", AttributeType.BOOLEAN, null, false, true, List.of()),
                new AttributeDefinition("bottled_on", "Bottled on", AttributeType.DATE, null, false, false, List.of())));
    }

    public static Map<String, Object> attributes(String colour, String grape, int vintage, String region) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("colour", colour);
        a.put("grape", List.of(grape));
        a.put("vintage", vintage);
        a.put("region", region);
        a.put("vineyard", "Domaine " + region);
        a.put("vineyard_story", Map.of("en", "Family vineyard since 1890", "fr", "Vignoble familial depuis 1890"));
        a.put("food_pairings", List.of("lamb", "cheese"));
        a.put("alcohol", new java.math.BigDecimal("13.5"));
        a.put("organic", Boolean.TRUE);
        a.put("bottled_on", "2021-03-01");
        return a;
    }

    public static ProductInput wine(String sku, String name, String colour, String grape, int vintage, String region, String price) {
        return new ProductInput(sku, sku.toLowerCase().replaceAll("[^a-z0-9]+", "-"), name, "A " + colour + " wine from " + region,
                "Long description of " + name, "Domaine " + region, "wine", attributes(colour, grape, vintage, region), List.of(),
                Money.of(price, "EUR"), List.of(new PackPrice(6, Money.of(price, "EUR").times(6)), new PackPrice(12, Money.of(price, "EUR").times(11))),
                new Shipping(1300, 80, 80, 320), List.of(new Media("https://img.example/" + sku + ".jpg", name)),
                new Seo(List.of(grape.toLowerCase(), region.toLowerCase(), "wine"), name + " | Emporium", "Buy " + name));
    }
}
