package dev.emporium.catalog.internal.evidence;

import dev.emporium.catalog.api.RatingSummary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The aggregate of a product's published ratings, computed from how many reviews gave each star count. */
public final class RatingAggregate {

    private RatingAggregate() {
    }

    /**
     * @param counts reviews per rating; ratings outside 1..5 cannot be stored and are refused here too
     * @return the summary with every rating 1..5 in the distribution and the mean rounded half-up to two decimals
     *         (null when there is no review)
     */
    public static RatingSummary of(String sku, Map<Integer, Long> counts) {
        Map<Integer, Long> distribution = new LinkedHashMap<>();
        long count = 0;
        long sum = 0;
        for (int stars = 1; stars <= 5; stars++) {
            long n = counts.getOrDefault(stars, 0L);
            if (n < 0) {
                throw new IllegalArgumentException("negative count for rating " + stars);
            }
            distribution.put(stars, n);
            count += n;
            sum += n * stars;
        }
        for (Integer stars : counts.keySet()) {
            if (stars < 1 || stars > 5) {
                throw new IllegalArgumentException("not a rating: " + stars);
            }
        }
        BigDecimal average = count == 0 ? null
                : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
        return new RatingSummary(sku, average, count, distribution);
    }
}
