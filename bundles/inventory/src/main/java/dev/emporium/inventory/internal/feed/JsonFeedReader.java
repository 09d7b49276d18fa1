package dev.emporium.inventory.internal.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A streaming reader of a JSON array of flat objects: one object at a time is held in memory. An element that is not
 * an object, or a value that is an object or an array, makes a bad row; broken JSON makes the feed unreadable (what
 * follows the break cannot be trusted).
 */
final class JsonFeedReader implements FeedReader {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonParser parser;
    private boolean done;

    JsonFeedReader(InputStream in) throws IOException, UnreadableFeedException {
        this.parser = FACTORY.createParser(in);
        JsonToken first;
        try {
            first = parser.nextToken();
        } catch (JsonProcessingException e) {
            throw new UnreadableFeedException("the feed is not JSON: " + e.getOriginalMessage());
        }
        if (first != JsonToken.START_ARRAY) {
            throw new UnreadableFeedException("a JSON feed must be an array of objects, one per row; it starts with "
                    + (first == null ? "nothing" : first.asString() == null ? first.name() : "'" + first.asString() + "'"));
        }
    }

    @Override
    public List<String> columns() {
        return List.of();
    }

    @Override
    public boolean truncated() {
        return false;
    }

    @Override
    public FeedRow next() throws IOException, UnreadableFeedException {
        if (done) {
            return null;
        }
        try {
            JsonToken t = parser.nextToken();
            int line = parser.currentTokenLocation().getLineNr();
            if (t == JsonToken.END_ARRAY || t == null) {
                done = true;
                if (t == null) {
                    throw new UnreadableFeedException("the JSON feed ends before its closing ']'");
                }
                return null;
            }
            if (t != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return FeedRow.bad(line, "not an object but " + (t.isScalarValue() ? "a plain value" : "an array"));
            }
            Map<String, String> values = new LinkedHashMap<>();
            String error = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken v = parser.nextToken();
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    if (error == null) {
                        error = "field '" + name + "' is not a plain value";
                    }
                } else if (v != JsonToken.VALUE_NULL) {
                    values.put(name, parser.getText());
                }
            }
            return error == null ? new FeedRow(line, values, null) : FeedRow.bad(line, error);
        } catch (JsonProcessingException e) {
            done = true;
            if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException) {
                throw new UnreadableFeedException("the JSON feed ends before its closing ']'");
            }
            throw new UnreadableFeedException("broken JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
