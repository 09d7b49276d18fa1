package dev.emporium.catalog.internal.model;

import dev.emporium.catalog.api.Media;
import dev.emporium.catalog.api.ProductInput;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.Money;
import org.junit.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;

public class ProductRulesTest {

    private static List<FieldError> withMedia(String url) {
        ProductInput p = new ProductInput("W-1", "w-1", "A wine", null, null, null, "wine", Map.of(), List.of("wine"),
                Money.of("9.90", "EUR"), List.of(), null, List.of(new Media(url, "a bottle")), null);
        return ProductRules.check(p, Set.of("wine"));
    }

    @Test
    public void mediaAreAbsoluteWebAddressesOrPathsOnTheStore() {
        assertEquals(List.of(), withMedia("https://img.example/w-1.jpg"));
        assertEquals(List.of(), withMedia("http://img.example/w-1.jpg"));
        assertEquals(List.of(), withMedia("/store/img/red.svg"));
        for (String bad : new String[] {"ftp://img.example/w-1.jpg", "//evil.example/x.jpg", "img/red.svg", "/with space.jpg",
                "javascript:alert(1)", ""}) {
            List<FieldError> errors = withMedia(bad);
            assertEquals(bad, 1, errors.size());
            assertEquals(bad, "media[0].url", errors.get(0).field());
        }
    }
}
