package dev.emporium.inventory.internal.feed;

import org.junit.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Mapping feed columns to stock, cost and discontinuation, with a reason for every refused row; source settings. */
public class RowMappingTest {

    private static final FieldMapping MAPPING = new FieldMapping("Article", "Stock", "Price", "Cur", "EOL", "");

    private static SourceSettings source(String currency) {
        return SourceSettings.check("acme", "feeds/acme.csv", null, null, "dropship", MAPPING, currency, 0, 3, false);
    }

    private static FeedLine map(String currency, String... keyValues) throws RowRejectedException {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return new RowMapping(source(currency)).map(new FeedRow(9, values, null));
    }

    private static String refused(String currency, String... keyValues) {
        try {
            map(currency, keyValues);
        } catch (RowRejectedException e) {
            return e.getMessage();
        }
        fail("accepted " + List.of(keyValues));
        return null;
    }

    @Test
    public void mapsTheConfiguredColumns() throws Exception {
        FeedLine l = map("", "Article", " W-1 ", "Stock", "+12", "Price", "7.125", "Cur", "eur", "EOL", "no");
        assertEquals(new FeedLine(9, "W-1", "dropship", 12L, new BigDecimal("7.125"), "EUR", false), l);
        assertEquals(Long.valueOf(3), map("", "Article", "W-1", "Stock", "3.00").quantity());
        assertEquals("the default currency", "CHF", map("CHF", "Article", "W-1", "Stock", "1", "Price", "2").currency());
        assertNull("no cost column value: no cost", map("", "Article", "W-1", "Stock", "1").cost());
        FeedLine gone = map("", "Article", "W-1", "EOL", "YES");
        assertTrue(gone.discontinued());
        assertNull("a discontinued row needs no quantity", gone.quantity());
    }

    @Test
    public void everyBadValueHasItsReason() {
        assertEquals("no SKU (column 'Article')", refused("", "Stock", "1"));
        assertEquals("'W 1' is not a SKU (letters, digits, '.', '_' or '-', up to 64)", refused("", "Article", "W 1", "Stock", "1"));
        assertEquals("no quantity (column 'Stock')", refused("", "Article", "W-1", "Stock", " "));
        assertEquals("quantity 'five' is not a number", refused("", "Article", "W-1", "Stock", "five"));
        assertEquals("quantity -2 is negative", refused("", "Article", "W-1", "Stock", "-2"));
        assertEquals("quantity 1.5 is not a whole number", refused("", "Article", "W-1", "Stock", "1.5"));
        assertEquals("quantity 2000000000 is over 1000000000", refused("", "Article", "W-1", "Stock", "2000000000"));
        assertEquals("cost '7,50' is not a decimal number (use '.' for decimals)", refused("", "Article", "W-1", "Stock", "1", "Price", "7,50", "Cur", "EUR"));
        assertEquals("cost -1 is negative", refused("", "Article", "W-1", "Stock", "1", "Price", "-1", "Cur", "EUR"));
        assertEquals("cost 1.123456 has more than 4 decimals", refused("", "Article", "W-1", "Stock", "1", "Price", "1.123456", "Cur", "EUR"));
        assertTrue(refused("", "Article", "W-1", "Stock", "1", "Price", "7.50").startsWith("cost 7.50 has no currency"));
        assertEquals("'EURO' is not an ISO 4217 currency code", refused("", "Article", "W-1", "Stock", "1", "Price", "7.50", "Cur", "EURO"));
        assertEquals("EOL 'maybe' is not yes/no, true/false or 1/0", refused("", "Article", "W-1", "Stock", "1", "EOL", "maybe"));
    }

    @Test
    public void anUnreadableRowKeepsItsSkuWhenItHasOne() {
        try {
            new RowMapping(source("")).map(new FeedRow(4, Map.of("Article", "W-9"), "3 fields where the header has 2"));
            fail();
        } catch (RowRejectedException e) {
            assertEquals("W-9", e.sku());
            assertEquals("3 fields where the header has 2", e.getMessage());
        }
    }

    @Test
    public void aHeaderWithoutTheSkuOrQuantityColumnMakesTheFeedUnreadable() throws Exception {
        RowMapping m = new RowMapping(source(""));
        m.checkColumns(List.of("Article", "Stock"));
        m.checkColumns(List.of());
        try {
            m.checkColumns(List.of("sku", "qty", "Price"));
            fail();
        } catch (UnreadableFeedException e) {
            assertEquals("the feed has no column 'Article' or 'Stock' (its columns: sku, qty, Price)", e.getMessage());
        }
    }

    @Test
    public void badSettingsAreAllNamed() {
        SourceSettings s = SourceSettings.check("bad name", " ", "xml", ";;", "", new FieldMapping("", "", "", "", "", ""), "EURO", -1, -1, false);
        assertFalse(s.valid());
        String all = String.join("\n", s.errors());
        for (String field : List.of("name:", "url:", "format:", "delimiter:", "location:", "skuColumn:", "quantityColumn:", "currency:",
                "intervalSeconds:", "missingRunsBeforeDiscontinued:")) {
            assertTrue(field + " in " + all, all.contains(field));
        }
        SourceSettings json = SourceSettings.check("b", "https://x.example/feed.JSON", "", "tab", "warehouse", MAPPING, "", 60, 0, true);
        assertTrue(json.errors().toString(), json.valid());
        assertEquals(FeedFormat.JSON, json.format());
        assertEquals('\t', json.delimiter());
    }
}
