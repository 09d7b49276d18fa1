package dev.emporium.inventory.api;

import java.time.Instant;

/** One audited adjustment: what changed at which location, who did it, when and why. */
public record AdjustmentRecord(long id, String sku, String location, long onHandBefore, long onHandAfter,
                               long safetyStockAfter, String reason, String actor, Instant at) {
}
