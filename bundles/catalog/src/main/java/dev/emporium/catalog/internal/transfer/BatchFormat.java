package dev.emporium.catalog.internal.transfer;

import java.util.Locale;

/** The file formats a supplier batch or an export comes in. */
public enum BatchFormat {
    CSV, JSON;

    /** Parses {@code csv} or {@code json} (any case); null when it is neither. */
    public static BatchFormat of(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "json" -> JSON;
            default -> null;
        };
    }

    /** The format a file name or a content type suggests; null when neither says. */
    public static BatchFormat guess(String nameOrContentType) {
        String s = nameOrContentType == null ? "" : nameOrContentType.toLowerCase(Locale.ROOT);
        if (s.endsWith(".csv") || s.startsWith("text/csv")) {
            return CSV;
        }
        if (s.endsWith(".json") || s.startsWith("application/json")) {
            return JSON;
        }
        return null;
    }
}
