package dev.emporium.inventory.internal.stock;

import dev.emporium.inventory.api.ReservationLine;
import dev.emporium.inventory.api.StockAdjustment;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.ValidationException;
import org.junit.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class RequestsTest {

    @Test
    public void skuMustBeASkuAndIsNamedInTheError() {
        assertEquals("W-1.b_2", Requests.sku("sku", "W-1.b_2"));
        for (String bad : new String[] {null, "", " ", "-W", "W 1", "W/1", "x".repeat(65), "é"}) {
            assertEquals(String.valueOf(bad), List.of("sku"), fields(() -> Requests.sku("sku", bad)));
        }
    }

    @Test
    public void validAdjustmentsPass() {
        Requests.adjustment(new StockAdjustment("W-1", "warehouse", 5L, null, null, "delivery", "ann"));
        Requests.adjustment(new StockAdjustment("W-1", "warehouse", -5L, null, 2L, "breakage", "ann"));
        Requests.adjustment(new StockAdjustment("W-1", "warehouse", null, 0L, null, "stock count", "ann"));
    }

    @Test
    public void adjustmentNeedsExactlyOneOfDeltaOrSet() {
        assertEquals(List.of("delta"), fields(() -> Requests.adjustment(new StockAdjustment("W-1", "warehouse", null, null, null, "r", "a"))));
        assertEquals(List.of("set"), fields(() -> Requests.adjustment(new StockAdjustment("W-1", "warehouse", 1L, 1L, null, "r", "a"))));
        assertEquals(List.of("delta"), fields(() -> Requests.adjustment(new StockAdjustment("W-1", "warehouse", 0L, null, null, "r", "a"))));
    }

    @Test
    public void adjustmentReportsEveryBadFieldAtOnce() {
        List<String> f = fields(() -> Requests.adjustment(new StockAdjustment("bad sku", " ", null, -1L, -2L, "", "admin")));
        assertEquals(List.of("sku", "location", "set", "safetyStock", "reason"), f);
    }

    @Test
    public void adjustmentQuantitiesAreBounded() {
        assertEquals(List.of("delta"), fields(() -> Requests.adjustment(
                new StockAdjustment("W-1", "warehouse", Long.MIN_VALUE, null, null, "r", "a"))));
        assertEquals(List.of("reason"), fields(() -> Requests.adjustment(
                new StockAdjustment("W-1", "warehouse", 1L, null, null, "r".repeat(501), "a"))));
    }

    @Test
    public void reservationLinesAreCheckedOneByOne() {
        Requests.reservation(List.of(new ReservationLine("W-1", 1), new ReservationLine("W-2", 3)), "order-1");
        assertEquals(List.of("lines"), fields(() -> Requests.reservation(List.of(), "order-1")));
        assertEquals(List.of("lines"), fields(() -> Requests.reservation(null, "order-1")));
        assertEquals(List.of("reference"), fields(() -> Requests.reservation(List.of(new ReservationLine("W-1", 1)), " ")));
        assertEquals(List.of("lines[1].quantity", "lines[2].sku", "lines[3]"), fields(() -> Requests.reservation(Arrays.asList(
                new ReservationLine("W-1", 1), new ReservationLine("W-2", 0), new ReservationLine("W-1", 2), null), "order-1")));
    }

    private static List<String> fields(Runnable r) {
        try {
            r.run();
            fail("expected a validation problem");
            return null;
        } catch (ValidationException e) {
            assertEquals(400, e.status());
            assertTrue(e.detail(), !e.detail().isBlank());
            return e.errors().stream().map(FieldError::field).toList();
        }
    }
}
