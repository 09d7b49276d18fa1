package dev.emporium.inventory.internal.feed;

import java.util.Locale;

/** How a supplier writes its feed. */
public enum FeedFormat {
    /** Comma-separated values with a header row (RFC 4180 quoting: fields may hold delimiters, quotes and line breaks). */
    CSV,
    /** A JSON array of flat objects, one per row. */
    JSON;

    /** The format named in a configuration ({@code csv} or {@code json}), or null when the text names neither. */
    static FeedFormat parse(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "json" -> JSON;
            default -> null;
        };
    }
}
