package dev.emporium.inventory.api;

import java.util.Optional;

/** What is in stock, per SKU and location. */
public interface StockLevels {

    /** The SKU's stock over every location, or empty when inventory has never heard of it. */
    Optional<SkuStock> stock(String sku);
}
