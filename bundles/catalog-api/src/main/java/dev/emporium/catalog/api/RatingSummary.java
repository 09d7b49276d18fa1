package dev.emporium.catalog.api;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aggregate of a product's published buyer reviews.
 *
 * @param average      the mean rating rounded to two decimals, null (absent in JSON) when nobody rated the product yet
 * @param count        how many published reviews
 * @param distribution how many published reviews gave each rating, keys 1 to 5 all present
 */
public record RatingSummary(String sku, BigDecimal average, long count, Map<Integer, Long> distribution) {

    public RatingSummary {
        // sorted, so that clients see 1 to 5 in order
        distribution = distribution == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(distribution));
    }
}
