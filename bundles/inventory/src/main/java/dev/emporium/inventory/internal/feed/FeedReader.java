package dev.emporium.inventory.internal.feed;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Reads a feed row by row, never the whole feed at once, so that a feed of any size fits in a small heap. */
public interface FeedReader extends Closeable {

    /** The columns the feed declares (CSV header), or empty when each row names its own (JSON). */
    List<String> columns();

    /** The next row, or null at the end of the feed. */
    FeedRow next() throws IOException, UnreadableFeedException;

    /** True when a broken row swallowed the rest of the feed (an unclosed quote): rows after it were never seen. */
    boolean truncated();

    /** Opens a reader of the given format on a UTF-8 stream; the reader closes the stream. */
    static FeedReader open(InputStream in, FeedFormat format, char delimiter) throws IOException, UnreadableFeedException {
        return switch (format) {
            case CSV -> new CsvFeedReader(in, delimiter);
            case JSON -> new JsonFeedReader(in);
        };
    }
}
