package dev.emporium.catalog.api;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A critic's rating of a product.
 *
 * @param outOf100 the score brought to a scale of 100 (one decimal), so ratings on different scales compare
 */
public record ExpertRating(long id, String sku, String critic, BigDecimal score, BigDecimal scale, BigDecimal outOf100,
                           LocalDate date, String note) {
}
