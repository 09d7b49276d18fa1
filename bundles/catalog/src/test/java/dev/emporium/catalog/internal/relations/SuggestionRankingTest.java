package dev.emporium.catalog.internal.relations;

import dev.emporium.catalog.api.Relation;
import dev.emporium.catalog.api.RelationKind;
import org.junit.Test;

import java.util.List;

import static dev.emporium.catalog.api.RelationKind.COMPLEMENTARY;
import static dev.emporium.catalog.api.RelationKind.CROSS_SELL;
import static dev.emporium.catalog.api.RelationKind.SIMILAR;
import static dev.emporium.catalog.api.RelationKind.UP_SELL;
import static org.junit.Assert.assertEquals;

public class SuggestionRankingTest {

    private static Relation rel(String from, RelationKind kind, String to, String reason) {
        return new Relation(from, kind, to, reason);
    }

    private static List<String> skus(List<SuggestionRanking.Candidate> candidates) {
        return candidates.stream().map(SuggestionRanking.Candidate::sku).toList();
    }

    @Test
    public void moreProductsOfTheCartPointingAtOneRankItHigher() {
        List<SuggestionRanking.Candidate> ranked = SuggestionRanking.rank(List.of("WINE-A", "WINE-B"), List.of(
                rel("WINE-A", CROSS_SELL, "GLASS", null),
                rel("WINE-A", COMPLEMENTARY, "CHEESE", "Comté loves Jura wines"),
                rel("WINE-B", COMPLEMENTARY, "CHEESE", "A hard cheese"),
                rel("WINE-B", CROSS_SELL, "CORKSCREW", null)));
        assertEquals(List.of("CHEESE", "CORKSCREW", "GLASS"), skus(ranked));
        assertEquals(List.of("WINE-A", "WINE-B"), ranked.get(0).from());
        assertEquals("the reason of the first product of the cart", "Comté loves Jura wines", ranked.get(0).reason());
    }

    @Test
    public void upSellsComeAfterEveryAdditionWhateverTheirCount() {
        List<SuggestionRanking.Candidate> ranked = SuggestionRanking.rank(List.of("A", "B", "C"), List.of(
                rel("A", UP_SELL, "GRAND-CRU", "Its big brother"),
                rel("B", UP_SELL, "GRAND-CRU", null),
                rel("C", UP_SELL, "GRAND-CRU", null),
                rel("A", CROSS_SELL, "DECANTER", null)));
        assertEquals(List.of("DECANTER", "GRAND-CRU"), skus(ranked));
        assertEquals(UP_SELL, ranked.get(1).kind());
        assertEquals(3, ranked.get(1).from().size());
    }

    @Test
    public void productsInTheCartAndSimilarProductsAreNeverSuggested() {
        List<SuggestionRanking.Candidate> ranked = SuggestionRanking.rank(List.of("A", "B"), List.of(
                rel("A", COMPLEMENTARY, "B", "already in the cart"),
                rel("A", SIMILAR, "ALT", "an alternative"),
                rel("B", CROSS_SELL, "X", null)));
        assertEquals(List.of("X"), skus(ranked));
    }

    @Test
    public void complementaryWinsTiesAndNamesTheKindAProductBothIsAndUpSellYieldsToAddition() {
        List<SuggestionRanking.Candidate> ranked = SuggestionRanking.rank(List.of("A", "B"), List.of(
                rel("A", CROSS_SELL, "Z-CROSS", null),
                rel("A", COMPLEMENTARY, "Y-COMP", null),
                rel("A", UP_SELL, "Y-COMP", null),
                rel("B", CROSS_SELL, "W", null),
                rel("A", COMPLEMENTARY, "W", "goes well")));
        assertEquals(List.of("W", "Y-COMP", "Z-CROSS"), skus(ranked));
        assertEquals("strongest kind that brought it", COMPLEMENTARY, ranked.get(0).kind());
        assertEquals("goes well", ranked.get(0).reason());
    }

    @Test
    public void relationsOfProductsOutsideTheSetAreIgnored() {
        assertEquals(List.of(), skus(SuggestionRanking.rank(List.of("A"), List.of(rel("B", COMPLEMENTARY, "C", null)))));
    }
}
