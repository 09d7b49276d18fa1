package dev.emporium.inventory.internal.feed;

import java.util.Map;

/**
 * One row of a feed as read, before any mapping: its values by column name, or why it could not be read.
 *
 * @param line  the line of the feed where the row starts (1 is the first line, the CSV header included)
 * @param error why the row is unreadable (broken quoting, wrong number of fields), or null
 */
public record FeedRow(int line, Map<String, String> values, String error) {

    static FeedRow bad(int line, String error) {
        return new FeedRow(line, Map.of(), error);
    }
}
