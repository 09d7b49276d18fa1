package dev.emporium.inventory.internal.stock;

import java.time.Instant;

/**
 * A selling price proposed from a supplier's cost by the price rules; amounts are decimal strings.
 *
 * @param status {@code PROPOSED}, {@code ACCEPTED}, {@code REJECTED}, or {@code SUPERSEDED} by a newer proposal for the SKU
 */
public record PriceProposal(long id, String sku, String source, String cost, String price, String currency, String status,
                           Instant createdAt, Instant decidedAt, String decidedBy) {
}
