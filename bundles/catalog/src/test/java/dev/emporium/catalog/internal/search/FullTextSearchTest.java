package dev.emporium.catalog.internal.search;

import org.junit.Test;

import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class FullTextSearchTest extends SearchIndexFixture {

    @Test
    public void accentsAndCaseDoNotMatter() {
        List<String> roses = expected(p -> is(p, "colour", "rosé"));
        assertTrue(roses.contains("S-ROSE"));
        assertEquals(roses, sorted(Search.words("rose").skus(index)));
        assertEquals(roses, sorted(Search.words("ROSÉ").skus(index)));
        assertEquals(List.of("S-ROSE"), Search.words("chateau LUMIERE").skus(index));
        assertEquals(expected(p -> is(p, "region", "Rhône")), sorted(Search.words("rhone").skus(index)));
    }

    @Test
    public void findsKeywordsBrandDescriptionsAndTextAttributes() {
        assertEquals("SEO keyword", List.of("S-ROSE"), Search.words("aperitif").skus(index));
        assertEquals("short description", List.of("S-ROSE"), Search.words("hills").skus(index));
        assertEquals("long description", List.of("S-ROSE"), Search.words("salmon").skus(index));
        assertEquals("list attribute (food pairings)", List.of("S-ROSE"), Search.words("grilled fish").skus(index));
        assertEquals("localized text, French", List.of("S-ROSE"), Search.words("vignerons tavel").skus(index));
        assertEquals("localized text, English", List.of("S-STRAW"), Search.words("sailor").skus(index));
        assertEquals("brand", expected(p -> "Maison Dupré".equals(p.product().brand())),
                sorted(Search.words("dupre").skus(index)));
        assertEquals("list attribute (grape)", expected(p -> is(p, "grape", "Syrah")),
                sorted(Search.words("syrah").skus(index)));
        assertEquals("text attribute (region)", expected(p -> is(p, "region", "Bourgogne")),
                sorted(Search.words("bourgogne").skus(index)));
        assertEquals("enumeration (colour)", expected(p -> is(p, "colour", "sparkling")),
                sorted(Search.words("sparkling").skus(index)));
    }

    @Test
    public void everyWordMustMatch() {
        List<String> hits = sorted(Search.words("rosé provence").skus(index));
        assertEquals(expected(p -> is(p, "colour", "rosé") && is(p, "region", "Provence")), hits);
        assertEquals(List.of("S-ROSE", "W002", "W022", "W042"), hits);
        assertEquals(0, Search.words("rosé champagne oysters").in(index).total());
    }

    @Test
    public void aMatchInTheNameRanksAboveOneInADescription() {
        assertEquals(List.of("S-STRAW", "S-ROSE"), Search.words("strawberry").skus(index));
    }

    @Test
    public void prefixAndFuzzyTermsAreFoldedToo() {
        assertTrue(Search.words("LUMIÈ*").skus(index).contains("S-ROSE"));
        assertEquals(List.of("S-ROSE"), Search.words("lumeire~1").skus(index));
        assertEquals(List.of("S-ROSE"), Search.words("\"pale salmon colour\"").skus(index));
    }

    @Test
    public void oddInputNeverThrows() {
        for (String odd : List.of("\"unclosed", "((", ")", "-", "+", "|", "*", "~", "rosé~", "\\", "\"\"", "-rosé",
                "rosé -", "rosé | | -", "~2", "%%%", "a\u0000b", "\uD83C\uDF77 wine", "((rosé) | (red)", "*rosé*",
                "rose~9999", "rosé\"~x")) {
            ProductIndex.Hits hits = Search.words(odd).limit(5).in(index);
            assertTrue(odd, hits.total() >= 0);
        }
    }

    @Test
    public void noWordsMeansBrowsingEverythingByName() {
        long all = Wines.onSale().size();
        for (String blank : new String[] {null, "", "   ", "!!!", "*"}) {
            ProductIndex.Hits hits = Search.words(blank).in(index);
            assertEquals(String.valueOf(blank), all, hits.total());
            assertEquals(String.valueOf(blank), Search.browse().skus(index), hits.skus());
        }
    }

    @Test
    public void productsNotOnSaleAreNeverFound() {
        assertEquals(0, Search.words("secret").in(index).total());
        assertEquals(0, Search.words("discontinued").in(index).total());
        assertTrue(Search.words("cuvée").skus(index).stream().noneMatch(s -> s.equals("S-DRAFT") || s.equals("S-GONE")));
    }
}
