package dev.emporium.orders.internal.pricing;

import dev.emporium.orders.api.CartLine;
import dev.emporium.orders.api.Totals;
import dev.emporium.orders.internal.TestStores;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.Money;
import dev.emporium.platform.api.ValidationException;
import org.junit.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Totals, taxes and shipping from the configured rate tables; prices by the unit and by pack. */
public class PricingTest {

    private final Pricing pricing = Pricing.of("EUR", "default:0.20, DE:0.19", "0:4.90,2000:7.90,10000:14.90");

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    @Test
    public void totalsAddShippingByWeightBandThenTaxOnBoth() {
        // 2 bottles of 1350 g = 2700 g: the 2000 g band
        CartLine line = Pricing.line("W-1", "Wine", 1, 2, eur("19.90"), 1350);
        Totals t = pricing.totals(List.of(line), null);
        assertEquals(eur("39.80"), t.subtotal());
        assertEquals(eur("7.90"), t.shipping());
        assertEquals(2700, t.weightGrams());
        assertEquals(new BigDecimal("0.2"), t.taxRate());
        assertEquals("20% of 47.70", eur("9.54"), t.tax());
        assertEquals(eur("57.24"), t.total());
    }

    @Test
    public void theShippingCountryChoosesTheTaxRateAndTaxIsRoundedHalfUp() {
        CartLine line = Pricing.line("W-1", "Wine", 1, 1, eur("10.05"), 500);
        Totals t = pricing.totals(List.of(line), "de");
        // (10.05 + 4.90) * 0.19 = 2.8405 -> 2.84
        assertEquals(eur("2.84"), t.tax());
        assertEquals(eur("17.79"), t.total());
        assertEquals("an unknown country pays the default rate", new BigDecimal("0.2"), pricing.totals(List.of(line), "FR").taxRate());
        // (0.05 + 1.20) * 0.2 = 0.25 exactly; 0.50 * 0.05 = 0.025 rounds half up to 0.03 (half even would give 0.02)
        assertEquals(eur("0.25"), Pricing.of("EUR", "default:0.2", "0:1.20").totals(List.of(Pricing.line("X", "X", 1, 1, eur("0.05"), 0)), null).tax());
        assertEquals(eur("0.03"), Pricing.of("EUR", "default:0.05", "0:0").totals(List.of(Pricing.line("X", "X", 1, 1, eur("0.50"), 0)), null).tax());
    }

    @Test
    public void aLightBulkyParcelPaysForItsVolume() {
        // a gift box of 400 g, 300 x 200 x 150 mm = 9,000,000 mm3: 1800 g volumetric at 5000, still the first band
        CartLine box = Pricing.line("BOX", "Gift box", 1, 2, eur("12.00"), 400);
        assertEquals("two boxes weigh 800 g but take 3600 g of room", 3600, pricing.chargeableGrams(800, 18_000_000));
        assertEquals(eur("7.90"), pricing.totals(List.of(box), 18_000_000, null).shipping());
        assertEquals("the weight stays what it weighs", 800, pricing.totals(List.of(box), 18_000_000, null).weightGrams());
        assertEquals("on weight alone it would be the first band", eur("4.90"), pricing.totals(List.of(box), null).shipping());
        // a heavy dense parcel pays its weight: 2700 g of wine in 4,096,000 mm3 (819.2 g volumetric)
        CartLine wine = Pricing.line("W-1", "Wine", 1, 2, eur("19.90"), 1350);
        assertEquals(2700, pricing.chargeableGrams(2700, 4_096_000));
        // a carrier dividing by 4000 charges more room: 9,000,000 / 4000 = 2250 g
        Pricing strict = Pricing.of("EUR", "default:0.20", "0:4.90,2000:7.90", 4000);
        assertEquals(eur("7.90"), strict.totals(List.of(Pricing.line("BOX", "Gift box", 1, 1, eur("12.00"), 400)), 9_000_000, null).shipping());
        assertEquals("rounded up to the gram", 1, strict.chargeableGrams(0, 1));
        assertEquals(eur("7.90"), pricing.totals(List.of(wine), 4_096_000, null).shipping());
        try {
            Pricing.of("EUR", "default:0.20", "0:4.90", 0);
            org.junit.Assert.fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("volumetricDivisor:"));
        }
    }

    @Test
    public void bandsStartAtTheirLowerBound() {
        ShippingRates rates = ShippingRates.parse("0:4.90,2000:7.90,10000:14.90");
        assertEquals(new BigDecimal("4.90"), rates.price(0));
        assertEquals(new BigDecimal("4.90"), rates.price(1999));
        assertEquals(new BigDecimal("7.90"), rates.price(2000));
        assertEquals(new BigDecimal("7.90"), rates.price(9999));
        assertEquals(new BigDecimal("14.90"), rates.price(250_000));
    }

    @Test
    public void packsArePricedByTheirPackPriceAndWeighEveryUnit() {
        var product = TestStores.wine("W-1", "19.90", 6, "99.00", 1350);
        assertEquals(eur("99.00"), pricing.packPrice(product, 6));
        assertEquals(eur("19.90"), pricing.packPrice(product, 1));
        CartLine two = Pricing.line("W-1", "Wine", 6, 2, pricing.packPrice(product, 6), 1350);
        assertEquals(12, two.units());
        assertEquals(eur("198.00"), two.lineTotal());
        Totals t = pricing.totals(List.of(two), null);
        assertEquals("12 x 1350 g = 16200 g", eur("14.90"), t.shipping());
        try {
            pricing.packPrice(product, 12);
            fail("no pack of 12");
        } catch (ValidationException e) {
            assertEquals("packSize", e.errors().get(0).field());
            assertTrue(e.detail(), e.detail().contains("by the unit or in packs of 6"));
        }
    }

    @Test
    public void aProductInAnotherCurrencyIsRefused() {
        var usd = TestStores.wine("W-1", "19.90", null, null, 1350);
        try {
            Pricing.of("USD", "default:0", "0:0").packPrice(usd, 1);
            fail();
        } catch (ConflictException e) {
            assertTrue(e.detail(), e.detail().contains("priced in EUR"));
        }
    }

    @Test
    public void anEmptyCartCostsNothing() {
        Totals t = pricing.totals(List.of(), null);
        assertEquals(eur("0.00"), t.total());
        assertEquals(eur("0.00"), t.shipping());
    }

    @Test
    public void badTablesAreRefusedNamingTheSetting() {
        String[][] cases = {
                {"tax", "DE:0.19", "needs a default"},
                {"tax", "default:1.5", "between 0 and 1"},
                {"tax", "default:x", "no decimal"},
                {"tax", "Germany:0.19,default:0.2", "two-letter"},
                {"ship", "100:4.90", "from 0 g"},
                {"ship", "0:4.90,0:5", "listed twice"},
                {"ship", "0:4.90,heavy:9", "whole grams"},
                {"ship", "", "is empty"},
        };
        for (String[] c : cases) {
            try {
                if (c[0].equals("tax")) {
                    TaxRates.parse(c[1]);
                } else {
                    ShippingRates.parse(c[1]);
                }
                fail(c[1]);
            } catch (IllegalArgumentException e) {
                assertTrue(c[1] + " -> " + e.getMessage(), e.getMessage().contains(c[2])
                        && e.getMessage().startsWith(c[0].equals("tax") ? "taxRates" : "shippingRates"));
            }
        }
    }
}
