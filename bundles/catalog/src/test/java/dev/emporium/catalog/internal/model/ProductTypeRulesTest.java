package dev.emporium.catalog.internal.model;

import dev.emporium.catalog.api.AttributeDefinition;
import dev.emporium.catalog.api.AttributeType;
import dev.emporium.catalog.api.ProductType;
import dev.emporium.catalog.internal.Wines;
import dev.emporium.platform.api.FieldError;
import org.junit.Test;

import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class ProductTypeRulesTest {

    @Test
    public void theWineTypeIsValid() {
        assertEquals(List.of(), ProductTypeRules.check(Wines.type()));
    }

    @Test
    public void badDefinitionsAreNamedOneByOne() {
        ProductType t = new ProductType("Wine!", "", List.of(
                new AttributeDefinition("colour", "Colour", AttributeType.ENUMERATION, null, true, true, List.of()),
                new AttributeDefinition("colour", "Again", AttributeType.TEXT, null, false, false, List.of()),
                new AttributeDefinition("price", "Price", AttributeType.NUMBER, null, false, false, List.of()),
                new AttributeDefinition("story", "Story", AttributeType.LOCALIZED_TEXT, null, false, true, List.of()),
                new AttributeDefinition("size", "Size", AttributeType.TEXT, "cl", false, false, List.of("a", "a"))));
        List<String> fields = ProductTypeRules.check(t).stream().map(FieldError::field).toList();
        assertTrue(fields.toString(), fields.containsAll(List.of("code", "name", "attributes[0].values", "attributes[1].code",
                "attributes[2].code", "attributes[3].facetable", "attributes[4].values", "attributes[4].unit")));
    }
}
