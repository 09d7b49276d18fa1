package dev.emporium.catalog.internal.evidence;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Critics score on their own scales (94/100, 17/20, 4.5/5): brought to a scale of 100 they compare. */
public final class ScoreScale {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ScoreScale() {
    }

    /** {@code score} out of {@code scale} as a score out of 100, rounded half-up to one decimal. */
    public static BigDecimal outOf100(BigDecimal score, BigDecimal scale) {
        if (scale.signum() <= 0) {
            throw new IllegalArgumentException("scale must be positive: " + scale);
        }
        BigDecimal result = score.multiply(HUNDRED).divide(scale, 1, RoundingMode.HALF_UP);
        return result.stripTrailingZeros().scale() <= 0 ? result.setScale(0, RoundingMode.UNNECESSARY) : result;
    }
}
