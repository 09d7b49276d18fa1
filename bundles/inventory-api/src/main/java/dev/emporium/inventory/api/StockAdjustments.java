package dev.emporium.inventory.api;

/** Admin changes to stock, each audited and published as inventory events. */
public interface StockAdjustments {

    /**
     * Applies an adjustment atomically and records it.
     *
     * @throws dev.emporium.platform.api.ValidationException with field errors when the adjustment is invalid
     * @throws dev.emporium.platform.api.ConflictException   when it would make on hand negative
     */
    AdjustmentRecord adjust(StockAdjustment adjustment);

    /**
     * Marks a SKU as never sold again (idempotent: a second call changes nothing and publishes nothing).
     *
     * @return the SKU's stock afterwards
     */
    SkuStock discontinue(String sku, String reason, String actor);
}
