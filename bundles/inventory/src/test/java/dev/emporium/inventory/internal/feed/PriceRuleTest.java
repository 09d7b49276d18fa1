package dev.emporium.inventory.internal.feed;

import org.junit.Test;

import java.math.BigDecimal;
import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Selling prices from supplier costs: markup, rounding up, minimum margin. */
public class PriceRuleTest {

    private static String price(String markup, String rounding, String minimum, String cost, String currency) {
        return PriceRule.of(markup, rounding, minimum).price(new BigDecimal(cost), currency).map(BigDecimal::toPlainString).orElse("none");
    }

    @Test
    public void markupThenRoundingUp() {
        assertEquals("14.99", price("40", ".99", "0", "10.00", "EUR"));      // 14.00 -> 14.99
        assertEquals("14.99", price("40", "0.99", "0", "10.70", "EUR"));     // 14.98 -> 14.99
        assertEquals("15.99", price("40", ".99", "0", "10.72", "EUR"));      // 15.008 -> 15.01 -> 15.99
        assertEquals("14.05", price("40", "0.05", "0", "10.02", "EUR"));     // 14.028 -> 14.05
        assertEquals("14.03", price("40", "none", "0", "10.02", "EUR"));     // 14.028 -> 14.03
        assertEquals("15.00", price("40", "1", "0", "10.02", "EUR"));
        assertEquals("1400", price("40", ".99", "0", "1000", "JPY"));        // no minor unit: .99 cannot apply
    }

    @Test
    public void neverUnderTheMinimumMargin() {
        // 10 % markup gives a 9.1 % margin; 25 % minimum margin asks at least 10 / 0.75 = 13.34
        assertEquals("13.99", price("10", ".99", "25", "10.00", "EUR"));
        assertEquals("13.35", price("10", "0.05", "25", "10.00", "EUR"));
    }

    @Test
    public void offWithoutMarkupAndBadSettingsAreNamed() {
        assertEquals(Optional.empty(), PriceRule.of("0", ".99", "10").price(BigDecimal.TEN, "EUR"));
        for (String[] bad : new String[][] {{"x", ".99", "10", "priceMarkupPercent"}, {"-5", ".99", "10", "priceMarkupPercent"},
                {"30", "cheap", "10", "priceRounding"}, {"30", "-0.05", "10", "priceRounding"}, {"30", ".99", "100", "priceMinimumMarginPercent"}}) {
            try {
                PriceRule.of(bad[0], bad[1], bad[2]);
                fail(String.join(" ", bad));
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith(bad[3] + ":"));
            }
        }
    }
}
