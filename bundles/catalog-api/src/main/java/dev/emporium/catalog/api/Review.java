package dev.emporium.catalog.api;

import java.time.Instant;

/**
 * A buyer's review of a product.
 *
 * @param verifiedBuyer true when an order event said this customer bought the product before writing
 */
public record Review(long id, String sku, int rating, String title, String text, String author, boolean verifiedBuyer,
                     ReviewStatus status, Instant createdAt) {
}
