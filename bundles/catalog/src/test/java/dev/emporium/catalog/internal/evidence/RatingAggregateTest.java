package dev.emporium.catalog.internal.evidence;

import dev.emporium.catalog.api.RatingSummary;
import org.junit.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

public class RatingAggregateTest {

    @Test
    public void noReviewMeansNoAverageAndAZeroDistribution() {
        RatingSummary s = RatingAggregate.of("W-1", Map.of());
        assertNull(s.average());
        assertEquals(0, s.count());
        assertEquals(Map.of(1, 0L, 2, 0L, 3, 0L, 4, 0L, 5, 0L), s.distribution());
    }

    @Test
    public void theAverageIsTheMeanRoundedHalfUpToTwoDecimals() {
        // 5+5+4 = 14 / 3 = 4.666..
        assertEquals(new BigDecimal("4.67"), RatingAggregate.of("W-1", Map.of(5, 2L, 4, 1L)).average());
        // 1+2 = 3 / 2 = 1.5
        assertEquals(new BigDecimal("1.50"), RatingAggregate.of("W-1", Map.of(1, 1L, 2, 1L)).average());
        // 4*1 + 5*7 = 39 / 8 = 4.875 -> 4.88
        assertEquals(new BigDecimal("4.88"), RatingAggregate.of("W-1", Map.of(4, 1L, 5, 7L)).average());
        assertEquals(new BigDecimal("3.00"), RatingAggregate.of("W-1", Map.of(3, 1_000_000L)).average());
    }

    @Test
    public void countAndDistributionFollowTheCounts() {
        RatingSummary s = RatingAggregate.of("W-1", Map.of(1, 3L, 5, 4L));
        assertEquals(7, s.count());
        assertEquals(Map.of(1, 3L, 2, 0L, 3, 0L, 4, 0L, 5, 4L), s.distribution());
        assertEquals(new BigDecimal("3.29"), s.average());
    }

    @Test
    public void ratingsOutsideOneToFiveAreRefused() {
        for (int bad : new int[] {0, 6, -1}) {
            try {
                RatingAggregate.of("W-1", Map.of(bad, 1L));
                fail("accepted rating " + bad);
            } catch (IllegalArgumentException expected) {
                // a stored rating outside 1..5 would be a bug
            }
        }
    }
}
