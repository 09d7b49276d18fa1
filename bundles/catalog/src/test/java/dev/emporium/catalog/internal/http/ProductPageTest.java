package dev.emporium.catalog.internal.http;

import dev.emporium.catalog.api.AttributeDefinition;
import dev.emporium.catalog.api.AttributeType;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductStatus;
import dev.emporium.catalog.api.ProductType;
import dev.emporium.platform.api.Money;
import org.junit.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.Assert.assertEquals;

public class ProductPageTest {

    private static final ProductType WINE = new ProductType("wine", "Wine", List.of(
            new AttributeDefinition("colour", "Colour", AttributeType.TEXT, null, true, true, null),
            new AttributeDefinition("volume", "Bottle", AttributeType.INTEGER, "ml", true, false, null),
            new AttributeDefinition("alcohol", "Alcohol", AttributeType.NUMBER, "% vol", false, false, null),
            new AttributeDefinition("serving_temperature", "Serve at", AttributeType.NUMBER, " ", false, false, null)));

    @Test
    public void unitsComeFromTheTypeForTheAttributesTheProductHas() {
        Product p = product(Map.of("colour", "red", "volume", 750, "serving_temperature", 16));
        assertEquals(Map.of("volume", "ml"), ProductPage.units(p, Optional.of(WINE)));
        p = product(Map.of("volume", 750, "alcohol", 13.5));
        assertEquals(List.of("volume", "alcohol"), List.copyOf(ProductPage.units(p, Optional.of(WINE)).keySet()));
    }

    @Test
    public void aProductWhoseTypeIsGoneHasNoUnits() {
        assertEquals(Map.of(), ProductPage.units(product(Map.of("volume", 750)), Optional.empty()));
    }

    private static Product product(Map<String, Object> attributes) {
        return new Product("W1", "w1", "A wine", null, null, null, "wine", attributes, List.of(), Money.of("10.00", "EUR"),
                List.of(), null, List.of(), null, ProductStatus.PUBLISHED, true, 1, Instant.EPOCH);
    }
}
