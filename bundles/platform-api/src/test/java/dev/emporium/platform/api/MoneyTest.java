package dev.emporium.platform.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import org.junit.Test;

public class MoneyTest {

    @Test
    public void scalesToTheCurrencysMinorUnit() {
        Money m = Money.of("12.5", "EUR");
        assertEquals(new BigDecimal("12.50"), m.amount());
        assertEquals(2, m.amount().scale());
        assertEquals("12.50 EUR", m.toString());
        assertEquals(new BigDecimal("7.00"), Money.of("7", "USD").amount());
    }

    @Test
    public void trailingZerosBeyondTheMinorUnitAreAccepted() {
        assertEquals(Money.of("12.50", "EUR"), Money.of("12.5000", "EUR"));
        assertEquals(new BigDecimal("1000.00"), new Money(new BigDecimal("1E+3"), "EUR").amount());
    }

    @Test
    public void refusesMoreDecimalsThanTheCurrencyHas() {
        var e = assertThrows(IllegalArgumentException.class, () -> Money.of("12.505", "EUR"));
        assertEquals("EUR amounts have at most 2 decimals: 12.505", e.getMessage());
    }

    @Test
    public void yenHasNoDecimals() {
        Money yen = Money.of("1500", "JPY");
        assertEquals(0, yen.amount().scale());
        assertEquals("1500 JPY", yen.toString());
        assertEquals(new BigDecimal("1500"), Money.of("1500.00", "JPY").amount());
        var e = assertThrows(IllegalArgumentException.class, () -> Money.of("1500.5", "JPY"));
        assertEquals("JPY amounts have at most 0 decimals: 1500.5", e.getMessage());
    }

    @Test
    public void refusesAnUnknownCurrencyWithAClearMessage() {
        var e = assertThrows(IllegalArgumentException.class, () -> Money.of("1.00", "EURO"));
        assertEquals("not an ISO 4217 currency code: EURO", e.getMessage());
        var lower = assertThrows(IllegalArgumentException.class, () -> Money.of("1.00", "eur"));
        assertEquals("not an ISO 4217 currency code: eur", lower.getMessage());
    }

    @Test
    public void refusesAnAmountThatIsNotADecimal() {
        var e = assertThrows(IllegalArgumentException.class, () -> Money.of("twelve", "EUR"));
        assertEquals("not a decimal amount: twelve", e.getMessage());
    }

    @Test
    public void refusesNulls() {
        assertThrows(NullPointerException.class, () -> new Money(null, "EUR"));
        assertThrows(NullPointerException.class, () -> new Money(BigDecimal.ONE, null));
    }

    @Test
    public void addsAmountsOfTheSameCurrency() {
        assertEquals(Money.of("15.25", "EUR"), Money.of("12.50", "EUR").plus(Money.of("2.75", "EUR")));
    }

    @Test
    public void refusesToAddAnotherCurrency() {
        var e = assertThrows(IllegalArgumentException.class, () -> Money.of("12.50", "EUR").plus(Money.of("1.00", "USD")));
        assertEquals("cannot add USD to EUR", e.getMessage());
    }

    @Test
    public void multipliesByAQuantityKeepingTheScale() {
        Money total = Money.of("12.50", "EUR").times(3);
        assertEquals(new BigDecimal("37.50"), total.amount());
        assertEquals("EUR", total.currency());
        assertEquals(Money.of("0", "EUR"), Money.of("12.50", "EUR").times(0));
        assertEquals(Money.of("-12.50", "EUR"), Money.of("12.50", "EUR").times(-1));
    }

    @Test
    public void knowsWhenItIsNegative() {
        assertTrue(Money.of("-0.01", "EUR").signum() < 0);
        assertFalse(Money.of("0", "EUR").signum() < 0);
        assertFalse(Money.of("0.01", "EUR").signum() < 0);
    }

    @Test
    public void refusesAnAmountNoTableCanStoreWithoutScalingIt() {
        assertEquals(new BigDecimal("999999999999999.99"), Money.of("999999999999999.99", "EUR").amount());
        var e = assertThrows(IllegalArgumentException.class, () -> Money.of("1000000000000000", "EUR"));
        assertEquals("amounts have at most 15 digits before the decimal point: 1000000000000000", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Money.of("1e400000000", "EUR"));
        assertEquals("amounts have at most 15 digits before the decimal point: 1E+400000000", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Money.of("-1e16", "EUR"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("amounts have at most 15 digits"));
    }
}
