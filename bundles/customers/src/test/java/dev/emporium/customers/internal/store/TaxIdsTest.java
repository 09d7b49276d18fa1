package dev.emporium.customers.internal.store;

import org.junit.Test;

import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** VAT numbers: prefix, national format and check digits. */
public class TaxIdsTest {

    @Test
    public void wellFormedNumbersPass() {
        for (String ok : new String[] {"FR83404833048", "fr 83 404 833 048", "BE0428759497", "IT00743330466", "DE123456789",
                "NL123456789B01", "EL123456789", "GB123456789", "ESX1234567Z", "FRAB404833048"}) {
            assertEquals(ok, Optional.empty(), TaxIds.problem(TaxIds.normalize(ok)));
        }
        assertEquals("GR", TaxIds.country("EL123456789"));
        assertEquals("FR83404833048", TaxIds.normalize(" fr-83.404 833048 "));
    }

    @Test
    public void eachRefusalSaysWhy() {
        assertEquals("is required", TaxIds.problem(TaxIds.normalize("")).orElseThrow());
        assertTrue(TaxIds.problem("US123456789").orElseThrow().startsWith("must start with a European VAT country prefix"));
        assertTrue(TaxIds.problem("DE12345678").orElseThrow().contains("wrong length"));
        assertEquals("has wrong check digits", TaxIds.problem("FR84404833048").orElseThrow());
        assertEquals("has wrong check digits", TaxIds.problem("BE0428759498").orElseThrow());
        assertEquals("has wrong check digits", TaxIds.problem("IT00743330467").orElseThrow());
    }
}
