package dev.emporium.inventory.internal.stock;

import org.junit.Test;

import java.util.List;

import static dev.emporium.inventory.api.InventoryEvents.BACK_IN_STOCK;
import static dev.emporium.inventory.api.InventoryEvents.LOW_STOCK;
import static dev.emporium.inventory.api.InventoryEvents.OUT_OF_STOCK;
import static dev.emporium.inventory.api.InventoryEvents.STOCK_CHANGED;
import static org.junit.Assert.assertEquals;

public class StockSignalsTest {

    @Test
    public void everyChangeIsAStockChange() {
        assertEquals(List.of(STOCK_CHANGED), StockSignals.topics(20, 18, 5));
        assertEquals(List.of(STOCK_CHANGED), StockSignals.topics(7, 7, 5));
    }

    @Test
    public void reachingZeroIsOutOfStock() {
        assertEquals(List.of(STOCK_CHANGED, OUT_OF_STOCK), StockSignals.topics(3, 0, 5));
        assertEquals("already out", List.of(STOCK_CHANGED), StockSignals.topics(0, 0, 5));
    }

    @Test
    public void leavingZeroIsBackInStock() {
        assertEquals(List.of(STOCK_CHANGED, BACK_IN_STOCK), StockSignals.topics(0, 12, 5));
        assertEquals("back, but low: no low-stock alert on the way up", List.of(STOCK_CHANGED, BACK_IN_STOCK), StockSignals.topics(0, 2, 5));
    }

    @Test
    public void lowStockOnlyWhenCrossingTheThresholdDownwards() {
        assertEquals(List.of(STOCK_CHANGED, LOW_STOCK), StockSignals.topics(5, 4, 5));
        assertEquals(List.of(STOCK_CHANGED, LOW_STOCK), StockSignals.topics(50, 1, 5));
        assertEquals("already low", List.of(STOCK_CHANGED), StockSignals.topics(4, 3, 5));
        assertEquals("straight to zero is out of stock, not low", List.of(STOCK_CHANGED, OUT_OF_STOCK), StockSignals.topics(50, 0, 5));
    }

    @Test
    public void thresholdZeroTurnsLowStockOff() {
        assertEquals(List.of(STOCK_CHANGED), StockSignals.topics(5, 1, 0));
    }
}
