package dev.emporium.customers.internal.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.catalog.api.Product;
import dev.emporium.customers.internal.store.HabitsBook;
import dev.emporium.platform.api.Money;
import org.junit.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/** Reading ORDER_PLACED payloads: the event's own line details first, the catalog's product for what is missing. */
public class OrderHabitsTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private final ObjectMapper mapper = new ObjectMapper();

    private static Product wine(String sku) {
        return new Product(sku, sku.toLowerCase(), "Wine " + sku, null, null, "Domaine Leroy", "wine",
                Map.of("colour", "red", "vintage", 2019, "grapes", List.of("pinot")), List.of(), Money.of("25.00", "EUR"),
                List.of(), null, List.of(), null, dev.emporium.catalog.api.ProductStatus.PUBLISHED, true, 1, AT);
    }

    @Test
    public void theEventsLineDetailsWinAndTheCatalogFillsTheRest() throws Exception {
        var o = OrderHabits.placed(mapper.readTree("""
                {"number":"EM-1","status":"PLACED","email":"a@example.com","customerId":"c1","skus":["W1","W2","X"],
                 "lines":[{"sku":"W1","units":6,"unitPrice":"19.90","brand":"Leroy","productType":"wine"},
                          {"sku":"W2","units":2},{"sku":"X","units":1}],
                 "total":"150.00","currency":"EUR"}"""), AT, sku -> sku.startsWith("W") ? Optional.of(wine(sku)) : Optional.empty()).orElseThrow();
        assertEquals("EM-1", o.number());
        assertEquals("c1", o.customerId());
        assertEquals(Money.of("150.00", "EUR"), o.total());
        HabitsBook.LineFact w1 = o.lines().get(0);
        assertEquals(new BigDecimal("19.90"), w1.unitPrice());
        assertEquals("Leroy", w1.brand());
        assertEquals(Map.of("colour", "red", "vintage", "2019"), w1.attributes());
        HabitsBook.LineFact w2 = o.lines().get(1);
        assertEquals(new BigDecimal("25.00"), w2.unitPrice());
        assertEquals("Domaine Leroy", w2.brand());
        assertEquals("wine", w2.productType());
        HabitsBook.LineFact x = o.lines().get(2);
        assertNull("no catalog product, nothing in the event: unknown", x.brand());
        assertNull(x.unitPrice());
    }

    @Test
    public void guestOrdersAreNobodysHabits() throws Exception {
        assertTrue(OrderHabits.placed(mapper.readTree("""
                {"number":"EM-2","status":"PLACED","email":"g@example.com","lines":[{"sku":"W1","units":1}],"total":"1.00","currency":"EUR"}"""),
                AT, sku -> Optional.empty()).isEmpty());
    }
}
