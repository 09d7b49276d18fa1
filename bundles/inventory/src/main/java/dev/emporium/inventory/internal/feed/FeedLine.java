package dev.emporium.inventory.internal.feed;

import java.math.BigDecimal;

/**
 * A feed row mapped and checked: what the source says of one SKU at one location.
 *
 * @param quantity     the on-hand quantity the source reports, or null when it only flags the SKU as discontinued
 * @param cost         the supplier's unit cost, or null when the feed carries none
 * @param currency     the cost's ISO 4217 currency (null without a cost)
 * @param discontinued the supplier says it will never deliver the SKU again
 */
public record FeedLine(int line, String sku, String location, Long quantity, BigDecimal cost, String currency, boolean discontinued) {
}
