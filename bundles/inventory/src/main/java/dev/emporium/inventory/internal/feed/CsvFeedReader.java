package dev.emporium.inventory.internal.feed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A streaming CSV reader (RFC 4180): the first record is the header; quoted fields may hold the delimiter, doubled
 * quotes and line breaks. A record with broken quoting or the wrong number of fields is returned as a bad row with
 * its line, and reading goes on with the next line; broken quoting in the header makes the whole feed unreadable.
 */
final class CsvFeedReader implements FeedReader {

    private final Reader in;
    private final char delimiter;
    private final List<String> columns;
    private int line = 1;
    private int pushedBack = -2;
    private boolean truncated;

    CsvFeedReader(InputStream stream, char delimiter) throws IOException, UnreadableFeedException {
        this.in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        this.delimiter = delimiter;
        Record header = record();
        if (header == null) {
            throw new UnreadableFeedException("the CSV feed is empty: no header row");
        }
        if (header.error != null) {
            throw new UnreadableFeedException("the CSV header (line " + header.line + ") is unreadable: " + header.error);
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.fields.size(); i++) {
            String name = header.fields.get(i).strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1).strip();
            }
            if (!seen.add(name)) {
                throw new UnreadableFeedException("the CSV header names column '" + name + "' twice");
            }
            names.add(name);
        }
        this.columns = List.copyOf(names);
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public boolean truncated() {
        return truncated;
    }

    @Override
    public FeedRow next() throws IOException, UnreadableFeedException {
        while (true) {
            Record r = record();
            if (r == null) {
                return null;
            }
            if (r.error != null) {
                return FeedRow.bad(r.line, r.error);
            }
            if (r.fields.size() == 1 && r.fields.get(0).isBlank()) {
                continue; // an empty line
            }
            if (r.fields.size() != columns.size()) {
                return FeedRow.bad(r.line, r.fields.size() + " fields where the header has " + columns.size());
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                values.put(columns.get(i), r.fields.get(i));
            }
            return new FeedRow(r.line, values, null);
        }
    }

    private record Record(int line, List<String> fields, String error) {
    }

    /** Reads one record; on broken quoting skips to the end of the physical line and reports the error. */
    private Record record() throws IOException, UnreadableFeedException {
        int start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int c = read();
        if (c == -1) {
            return null;
        }
        boolean quoted = false;
        boolean afterQuote = false;
        boolean fieldStart = true;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    truncated = true;
                    return new Record(start, fields, "a quoted field opened on line " + start + " is never closed");
                }
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                        c = n;
                        continue;
                    }
                } else {
                    field.append((char) c);
                }
                c = read();
                continue;
            }
            if (c == -1 || c == '\n' || c == '\r') {
                if (c == '\r') {
                    int n = read();
                    if (n != '\n') {
                        unread(n);
                    }
                }
                fields.add(field.toString());
                return new Record(start, fields, null);
            }
            if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
                fieldStart = true;
                c = read();
                continue;
            }
            if (afterQuote) {
                skipLine(c);
                return new Record(start, fields, "text after the closing quote of field " + (fields.size() + 1));
            }
            if (c == '"') {
                if (!fieldStart) {
                    skipLine(c);
                    return new Record(start, fields, "a quote inside unquoted field " + (fields.size() + 1));
                }
                quoted = true;
            } else {
                field.append((char) c);
            }
            fieldStart = false;
            c = read();
        }
    }

    private void skipLine(int c) throws IOException, UnreadableFeedException {
        while (c != -1 && c != '\n' && c != '\r') {
            c = read();
        }
        if (c == '\r') {
            int n = read();
            if (n != '\n') {
                unread(n);
            }
        }
    }

    private int read() throws IOException, UnreadableFeedException {
        int c;
        if (pushedBack != -2) {
            c = pushedBack;
            pushedBack = -2;
        } else {
            try {
                c = in.read();
            } catch (CharacterCodingException e) {
                throw new UnreadableFeedException("the feed is not UTF-8 text (near line " + line + ")");
            }
        }
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private void unread(int c) {
        if (c == '\n') {
            line--;
        }
        pushedBack = c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
