package dev.emporium.catalog.internal.transfer;

import org.junit.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/** RFC 4180 reading: quoting, line breaks in fields, the line each record starts on, and broken quoting. */
public class CsvRecordsTest {

    private static List<CsvRecords.CsvRecord> read(String csv) throws IOException {
        CsvRecords records = new CsvRecords(new StringReader(csv));
        List<CsvRecords.CsvRecord> all = new ArrayList<>();
        for (CsvRecords.CsvRecord r = records.next(); r != null; r = records.next()) {
            all.add(r);
        }
        return all;
    }

    @Test
    public void quotedFieldsHoldCommasQuotesAndLineBreaks() throws IOException {
        List<CsvRecords.CsvRecord> r = read("sku,name,note\r\nW-1,\"Château \"\"Le\"\" Test, 2018\",\"two\r\nlines\"\r\nW-2,plain,\r\n");
        assertEquals(3, r.size());
        assertEquals(List.of("W-1", "Château \"Le\" Test, 2018", "two\r\nlines"), r.get(1).cells());
        assertEquals(List.of("W-2", "plain", ""), r.get(2).cells());
        assertEquals("a record starts on the line after the one whose field spans two", 4, r.get(2).line());
        assertNull(r.get(1).broken());
    }

    @Test
    public void fieldsReadInRunsAreTheSameWhereverTheReaderCutsTheText() throws IOException {
        StringBuilder csv = new StringBuilder("sku,name,note\r\n");
        List<List<String>> expected = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String name = "Wine " + i + " " + "x".repeat(i % 37);
            String note = "say \"\"hi\"\", " + i + "\nsecond line " + "y".repeat(i % 53);
            csv.append("W-").append(i).append(',').append(name).append(",\"").append(note).append("\"\r\n");
            expected.add(List.of("W-" + i, name, note.replace("\"\"", "\"")));
        }
        for (int cut : new int[] {1, 7, 8192}) {
            // a reader that hands out at most `cut` characters per call, as a network stream may
            java.io.Reader in = new java.io.FilterReader(new StringReader(csv.toString())) {
                @Override
                public int read(char[] buf, int off, int len) throws IOException {
                    return super.read(buf, off, Math.min(len, cut));
                }
            };
            CsvRecords records = new CsvRecords(in);
            records.next();
            for (int i = 0; i < 400; i++) {
                CsvRecords.CsvRecord r = records.next();
                assertEquals("cut " + cut, expected.get(i), r.cells());
                assertEquals("cut " + cut, 2 + 2 * i, r.line());
            }
            assertNull(records.next());
        }
    }

    @Test
    public void aByteOrderMarkAndAMissingFinalLineBreakAreFine() throws IOException {
        List<CsvRecords.CsvRecord> r = read("\uFEFFsku,name\nW-1,\"x\"");
        assertEquals(List.of("sku", "name"), r.get(0).cells());
        assertEquals(List.of("W-1", "x"), r.get(1).cells());
        assertEquals(2, r.size());
    }

    @Test
    public void brokenQuotingIsReportedWithItsLineAndReadingGoesOn() throws IOException {
        List<CsvRecords.CsvRecord> r = read("sku,name\nW-1,Ch\"teau\nW-2,\"Good\"x\nW-3,fine\n");
        assertEquals(4, r.size());
        assertTrue(r.get(1).broken(), r.get(1).broken().contains("quote inside unquoted field 2"));
        assertEquals(2, r.get(1).line());
        assertTrue(r.get(2).broken(), r.get(2).broken().contains("after the closing quote"));
        assertEquals(3, r.get(2).line());
        assertEquals(List.of("W-3", "fine"), r.get(3).cells());
        assertEquals(4, r.get(3).line());
    }

    @Test
    public void aQuoteNeverClosedEndsTheFileAtTheLineItOpened() throws IOException {
        List<CsvRecords.CsvRecord> r = read("sku,name\nW-1,ok\nW-2,\"never closed\nW-3,lost\n");
        assertEquals(3, r.size());
        assertEquals(3, r.get(2).line());
        assertTrue(r.get(2).broken(), r.get(2).broken().contains("opened on line 3 is never closed"));
    }

    @Test
    public void listCellsEscapeTheirSeparator() {
        List<String> items = List.of("a|b", "back\\slash", "plain");
        String cell = CsvCells.join(items, "|");
        assertEquals("a\\|b|back\\\\slash|plain", cell);
        assertEquals(items, CsvCells.split(cell, "|"));
        assertEquals(List.of("Merlot", "Cabernet Franc"), CsvCells.split("Merlot ; Cabernet Franc", ";"));
        assertEquals(List.of(), CsvCells.split("", "|"));
    }
}
