package dev.emporium.catalog.internal.evidence;

import dev.emporium.catalog.api.ExpertRatingInput;
import dev.emporium.catalog.api.PressMentionInput;
import dev.emporium.catalog.api.ReviewInput;
import dev.emporium.platform.api.FieldError;
import org.junit.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class EvidenceRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    public void aGoodReviewPasses() {
        assertTrue(EvidenceRules.check(new ReviewInput(5, "Superb", "Silky and long.", "Anna")).isEmpty());
        assertTrue("title and text are optional", EvidenceRules.check(new ReviewInput(1, null, null, "Bob")).isEmpty());
    }

    @Test
    public void ratingMustBeOneToFive() {
        for (Integer bad : new Integer[] {0, 6, -3, null}) {
            assertEquals("rating " + bad, List.of("rating"), fields(EvidenceRules.check(new ReviewInput(bad, "t", "x", "Anna"))));
        }
    }

    @Test
    public void authorIsRequiredAndLengthsAreBounded() {
        List<FieldError> errors = EvidenceRules.check(new ReviewInput(4, "t".repeat(201), "x".repeat(5001), " "));
        assertEquals(List.of("title", "text", "author"), fields(errors));
    }

    @Test
    public void expertRatingScoreMustLieOnItsScale() {
        assertTrue(EvidenceRules.check(new ExpertRatingInput("Robert Parker", new BigDecimal("94"), new BigDecimal("100"), TODAY, null), TODAY).isEmpty());
        assertTrue(EvidenceRules.check(new ExpertRatingInput("Bettane", new BigDecimal("17.5"), new BigDecimal("20"), TODAY.minusYears(3), "Ample"), TODAY).isEmpty());
        assertEquals(List.of("score"), fields(EvidenceRules.check(
                new ExpertRatingInput("Bettane", new BigDecimal("21"), new BigDecimal("20"), TODAY, null), TODAY)));
        assertEquals("a scale of 0 is no scale", List.of("critic", "scale", "date"), fields(EvidenceRules.check(
                new ExpertRatingInput("", new BigDecimal("0"), new BigDecimal("0"), null, null), TODAY)));
    }

    @Test
    public void missingAndOutOfRangeExpertFieldsAreNamed() {
        List<FieldError> errors = EvidenceRules.check(new ExpertRatingInput(null, new BigDecimal("-1"), new BigDecimal("5000"), TODAY.plusDays(1), null), TODAY);
        assertEquals(List.of("critic", "scale", "score", "date"), fields(errors));
        errors = EvidenceRules.check(new ExpertRatingInput("X", null, null, null, "n".repeat(5001)), TODAY);
        assertEquals(List.of("scale", "score", "date", "note"), fields(errors));
    }

    @Test
    public void pressMentionsNeedPublicationTitleDateAndAWebLinkIfAny() {
        assertTrue(EvidenceRules.check(new PressMentionInput("Decanter", "Top 50 Bordeaux", TODAY, "https://decanter.example/top-50"), TODAY).isEmpty());
        assertTrue("the link is optional", EvidenceRules.check(new PressMentionInput("Le Monde", "Vins d'automne", TODAY, null), TODAY).isEmpty());
        assertEquals(List.of("publication", "title", "date", "url"),
                fields(EvidenceRules.check(new PressMentionInput(" ", null, TODAY.plusDays(2), "javascript:alert(1)"), TODAY)));
        assertEquals(List.of("url"), fields(EvidenceRules.check(new PressMentionInput("P", "T", TODAY, "not a link"), TODAY)));
    }
}
