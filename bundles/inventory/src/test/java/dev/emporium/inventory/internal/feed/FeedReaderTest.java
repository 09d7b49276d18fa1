package dev.emporium.inventory.internal.feed;

import org.junit.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Reading feeds row by row: CSV quoting and broken rows with their lines, JSON arrays, unreadable feeds. */
public class FeedReaderTest {

    private static FeedReader open(FeedFormat format, String text) throws Exception {
        return FeedReader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), format, ',');
    }

    private static List<FeedRow> rows(FeedReader reader) throws Exception {
        List<FeedRow> rows = new ArrayList<>();
        FeedRow r;
        while ((r = reader.next()) != null) {
            rows.add(r);
        }
        return rows;
    }

    private static String unreadable(FeedFormat format, String text) throws Exception {
        try (FeedReader reader = open(format, text)) {
            rows(reader);
        } catch (UnreadableFeedException e) {
            return e.getMessage();
        }
        fail("read: " + text);
        return null;
    }

    @Test
    public void csvQuotingKeepsDelimitersQuotesAndLineBreaksInsideFields() throws Exception {
        String feed = "\uFEFFsku,name,quantity\r\nW-1,\"Dry, red\",5\r\nW-2,\"The \"\"best\"\"\nwine\",7\n\nW-3,,0";
        try (FeedReader reader = open(FeedFormat.CSV, feed)) {
            assertEquals(List.of("sku", "name", "quantity"), reader.columns());
            List<FeedRow> rows = rows(reader);
            assertEquals(3, rows.size());
            assertEquals(new FeedRow(2, Map.of("sku", "W-1", "name", "Dry, red", "quantity", "5"), null), rows.get(0));
            assertEquals("The \"best\"\nwine", rows.get(1).values().get("name"));
            assertEquals(3, rows.get(1).line());
            assertEquals("the empty line is skipped, the line numbers still count it", 6, rows.get(2).line());
            assertEquals("", rows.get(2).values().get("name"));
            assertFalse(reader.truncated());
        }
    }

    @Test
    public void badCsvRowsAreReportedWithTheirLineAndReadingGoesOn() throws Exception {
        String feed = "sku,quantity\nW-1,5\nW-2,5,extra\nW-3,\"5\"x\nW-4,5\"\nW-5,6\nW-6,\"7\n";
        try (FeedReader reader = open(FeedFormat.CSV, feed)) {
            List<FeedRow> rows = rows(reader);
            assertEquals(6, rows.size());
            assertNull(rows.get(0).error());
            assertEquals(3, rows.get(1).line());
            assertEquals("3 fields where the header has 2", rows.get(1).error());
            assertEquals(4, rows.get(2).line());
            assertEquals("text after the closing quote of field 2", rows.get(2).error());
            assertEquals("a quote inside unquoted field 2", rows.get(3).error());
            assertEquals(new FeedRow(6, Map.of("sku", "W-5", "quantity", "6"), null), rows.get(4));
            assertEquals("a quoted field opened on line 7 is never closed", rows.get(5).error());
            assertTrue("an unclosed quote swallows the rest of the feed", reader.truncated());
        }
    }

    @Test
    public void aCsvFeedWithoutAUsableHeaderIsUnreadable() throws Exception {
        assertEquals("the CSV feed is empty: no header row", unreadable(FeedFormat.CSV, ""));
        assertTrue(unreadable(FeedFormat.CSV, "\"sku,quantity\nW-1,5\n").startsWith("the CSV header (line 1) is unreadable: a quoted field"));
        assertEquals("the CSV header names column 'sku' twice", unreadable(FeedFormat.CSV, "sku,sku\n"));
        byte[] latin1 = "sku,quantity\nCh\u00e2teau,5\n".getBytes(StandardCharsets.ISO_8859_1);
        try (FeedReader reader = FeedReader.open(new ByteArrayInputStream(latin1), FeedFormat.CSV, ',')) {
            rows(reader);
            fail("read Latin-1 as UTF-8");
        } catch (UnreadableFeedException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("not UTF-8"));
        }
    }

    @Test
    public void otherDelimiters() throws Exception {
        try (FeedReader reader = FeedReader.open(new ByteArrayInputStream("sku;quantity\nW-1;\"1;2\"\n".getBytes(StandardCharsets.UTF_8)),
                FeedFormat.CSV, ';')) {
            assertEquals("1;2", reader.next().values().get("quantity"));
        }
    }

    @Test
    public void jsonRowsKeepNumbersAsWrittenAndFlagNestedValues() throws Exception {
        String feed = """
                [
                  {"sku": "W-1", "quantity": 5, "cost": 12.50, "discontinued": false},
                  {"sku": "W-2", "quantity": 1, "extra": {"a": 1}},
                  42,
                  {"sku": "W-3", "quantity": null}
                ]""";
        try (FeedReader reader = open(FeedFormat.JSON, feed)) {
            List<FeedRow> rows = rows(reader);
            assertEquals(4, rows.size());
            assertEquals(new FeedRow(2, Map.of("sku", "W-1", "quantity", "5", "cost", "12.50", "discontinued", "false"), null), rows.get(0));
            assertEquals("field 'extra' is not a plain value", rows.get(1).error());
            assertEquals(3, rows.get(1).line());
            assertEquals("not an object but a plain value", rows.get(2).error());
            assertEquals(Map.of("sku", "W-3"), rows.get(3).values());
        }
    }

    @Test
    public void brokenOrWrongJsonIsUnreadable() throws Exception {
        assertTrue(unreadable(FeedFormat.JSON, "{\"sku\": \"W-1\"}").startsWith("a JSON feed must be an array of objects"));
        assertTrue(unreadable(FeedFormat.JSON, "sku,quantity\nW-1,5").startsWith("the feed is not JSON"));
        assertTrue(unreadable(FeedFormat.JSON, "[{\"sku\": \"W-1\"},\n{\"sku\": W-2}]").startsWith("broken JSON at line 2"));
        assertEquals("the JSON feed ends before its closing ']'", unreadable(FeedFormat.JSON, "[{\"sku\": \"W-1\"}"));
    }
}
