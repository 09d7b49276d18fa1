package dev.emporium.catalog.internal.model;

import dev.emporium.catalog.internal.Wines;
import dev.emporium.platform.api.FieldError;
import org.junit.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class AttributeValuesTest {

    private static Map<String, String> errors(Map<String, Object> attributes) {
        Map<String, String> byField = new HashMap<>();
        for (FieldError e : AttributeValues.check(Wines.type(), attributes).errors()) {
            byField.put(e.field(), e.message());
        }
        return byField;
    }

    private static Map<String, Object> valid() {
        return new HashMap<>(Wines.attributes("red", "Merlot", 2018, "Bordeaux"));
    }

    @Test
    public void aCompleteWineIsValidAndNormalized() {
        var checked = AttributeValues.check(Wines.type(), valid());
        assertEquals(List.of(), checked.errors());
        assertEquals(2018L, checked.values().get("vintage"));
        assertEquals(new BigDecimal("13.5"), checked.values().get("alcohol"));
        assertEquals(List.of("Merlot"), checked.values().get("grape"));
    }

    @Test
    public void missingRequiredValuesAreNamed() {
        Map<String, Object> a = valid();
        a.remove("colour");
        a.remove("region");
        Map<String, String> e = errors(a);
        assertEquals(2, e.size());
        assertTrue(e.get("attributes.colour").contains("required"));
        assertTrue(e.get("attributes.region").contains("required"));
    }

    @Test
    public void unknownAttributesAreRefused() {
        Map<String, Object> a = valid();
        a.put("sweetness", "dry");
        assertTrue(errors(a).get("attributes.sweetness").contains("not an attribute of product type wine"));
    }

    @Test
    public void wrongTypesAreRefusedFieldByField() {
        Map<String, Object> a = valid();
        a.put("colour", "blue");
        a.put("vintage", "2018");
        a.put("grape", "Merlot");
        a.put("alcohol", "strong");
        a.put("organic", "yes");
        a.put("bottled_on", "2021-02-30");
        a.put("vineyard_story", Map.of("english", "x"));
        a.put("region", "  ");
        Map<String, String> e = errors(a);
        assertTrue(e.get("attributes.colour"), e.get("attributes.colour").contains("must be one of [red, white, rosé, sparkling]"));
        assertEquals("must be a whole number", e.get("attributes.vintage"));
        assertEquals("must be a list of texts", e.get("attributes.grape"));
        assertEquals("must be a number", e.get("attributes.alcohol"));
        assertEquals("must be true or false", e.get("attributes.organic"));
        assertTrue(e.get("attributes.bottled_on").contains("YYYY-MM-DD"));
        assertTrue(e.get("attributes.vineyard_story").contains("not a language tag"));
        assertEquals("must not be blank", e.get("attributes.region"));
        assertEquals(8, e.size());
    }

    @Test
    public void decimalStringsAreNumbersAndDuplicatesLeaveLists() {
        Map<String, Object> a = valid();
        a.put("alcohol", "14.0");
        a.put("grape", List.of("Merlot", "Merlot", "Cabernet Franc"));
        var checked = AttributeValues.check(Wines.type(), a);
        assertEquals(List.of(), checked.errors());
        assertEquals(new BigDecimal("14"), checked.values().get("alcohol"));
        assertEquals(List.of("Merlot", "Cabernet Franc"), checked.values().get("grape"));
    }

    @Test
    public void controlCharactersAndHugeNumbersAreRefused() {
        Map<String, Object> a = valid();
        a.put("region", "Bor\u0000deaux");
        a.put("alcohol", new BigDecimal("1e20"));
        Map<String, String> e = errors(a);
        assertEquals("must not contain control characters", e.get("attributes.region"));
        assertTrue(e.get("attributes.alcohol").contains("below 10^15"));
    }
}
