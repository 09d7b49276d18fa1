package dev.emporium.inventory.internal.stock;

import dev.emporium.inventory.api.InventoryEvents;

import java.util.ArrayList;
import java.util.List;

/** Which events a change of a SKU's available-to-sell quantity is worth, besides {@code STOCK_CHANGED}. */
final class StockSignals {

    private StockSignals() {
    }

    /**
     * @param lowStockThreshold available quantities under it are low; 0 turns low-stock events off
     * @return the topics to publish, {@link InventoryEvents#STOCK_CHANGED} first
     */
    static List<String> topics(long availableBefore, long availableAfter, long lowStockThreshold) {
        List<String> topics = new ArrayList<>();
        topics.add(InventoryEvents.STOCK_CHANGED);
        if (availableBefore > 0 && availableAfter == 0) {
            topics.add(InventoryEvents.OUT_OF_STOCK);
        } else if (availableBefore == 0 && availableAfter > 0) {
            topics.add(InventoryEvents.BACK_IN_STOCK);
        }
        // Only on the way down across the threshold, so a run of small sales raises one alert, not one per sale.
        if (availableAfter > 0 && availableAfter < lowStockThreshold && availableBefore >= lowStockThreshold) {
            topics.add(InventoryEvents.LOW_STOCK);
        }
        return topics;
    }
}
