package dev.emporium.catalog.internal.evidence;

import org.junit.Test;

import java.math.BigDecimal;

import static org.junit.Assert.assertEquals;

public class ScoreScaleTest {

    private static String outOf100(String score, String scale) {
        return ScoreScale.outOf100(new BigDecimal(score), new BigDecimal(scale)).toPlainString();
    }

    @Test
    public void scoresOnDifferentScalesCompareOutOf100() {
        assertEquals("94", outOf100("94", "100"));
        assertEquals("85", outOf100("17", "20"));
        assertEquals("87.5", outOf100("17.5", "20"));
        assertEquals("90", outOf100("4.5", "5"));
        assertEquals("66.7", outOf100("2", "3"));
        assertEquals("0", outOf100("0", "20"));
        assertEquals("100", outOf100("20", "20"));
    }

    @Test(expected = IllegalArgumentException.class)
    public void aScaleOfZeroIsRefused() {
        ScoreScale.outOf100(BigDecimal.ONE, BigDecimal.ZERO);
    }
}
