package dev.emporium.inventory.internal.stock;

import dev.emporium.inventory.api.LocationKind;
import dev.emporium.inventory.api.LocationStock;
import dev.emporium.inventory.api.SkuStock;
import org.junit.Test;

import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

public class AvailabilityTest {

    @Test
    public void availableIsOnHandMinusReservedMinusSafetyStock() {
        assertEquals(6, Availability.of(10, 3, 1));
        assertEquals(0, Availability.of(10, 10, 0));
    }

    @Test
    public void availableIsNeverNegative() {
        assertEquals("safety stock larger than what is left", 0, Availability.of(5, 3, 4));
        assertEquals(0, Availability.of(0, 0, 2));
    }

    @Test
    public void skuAvailableSumsLocationsWithoutLettingOneLocationsShortfallEatAnother() {
        SkuStock s = StockQueries.summarize("W-1", false, List.of(
                location("warehouse", 10, 2, 1),
                location("dropship", 1, 0, 5)));
        assertEquals(7, s.available());
        assertEquals(11, s.onHand());
        assertEquals(2, s.reserved());
        assertTrue(s.sellable());
    }

    @Test
    public void discontinuedSkuHasNothingToSellWhateverIsOnTheShelf() {
        SkuStock s = StockQueries.summarize("W-1", true, List.of(location("warehouse", 10, 0, 0)));
        assertEquals(0, s.available());
        assertFalse(s.sellable());
        assertEquals(10, s.onHand());
    }

    @Test
    public void skuWithoutStockIsNotSellable() {
        assertFalse(StockQueries.summarize("W-1", false, List.of()).sellable());
    }

    private static LocationStock location(String code, long onHand, long reserved, long safety) {
        return new LocationStock(code, LocationKind.WAREHOUSE, onHand, reserved, safety, Availability.of(onHand, reserved, safety));
    }
}
