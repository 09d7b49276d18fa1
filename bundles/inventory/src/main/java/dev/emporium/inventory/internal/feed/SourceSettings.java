package dev.emporium.inventory.internal.feed;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One supplier or warehouse source as configured, checked: where the feed is, how to read it, the location it feeds,
 * and how strict a sync is.
 *
 * @param url                           a file path, a {@code file:} URL or an {@code http(s):} URL
 * @param intervalSeconds               how often the source is synced on its own; 0: only when an admin asks
 * @param missingRunsBeforeDiscontinued a SKU absent from this many consecutive complete feeds is discontinued; 0: never
 * @param acceptPartial                 apply the good rows of a feed that has bad ones (else apply nothing)
 * @param errors                        what is wrong with the configuration; a source with errors never syncs
 */
public record SourceSettings(String name, String url, FeedFormat format, char delimiter, String location, FieldMapping mapping,
                             String defaultCurrency, long intervalSeconds, int missingRunsBeforeDiscontinued,
                             boolean acceptPartial, List<String> errors) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public SourceSettings {
        errors = List.copyOf(errors);
    }

    /** Checks raw configuration values; every problem is listed in {@link #errors()}, none throws. */
    public static SourceSettings check(String name, String url, String format, String delimiter, String location, FieldMapping mapping,
                                       String defaultCurrency, long intervalSeconds, int missingRuns, boolean acceptPartial) {
        List<String> errors = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add("name: '" + name + "' is not a source name (letters, digits, '.', '_' or '-', up to 64)");
            name = name == null || name.isBlank() ? "unnamed" : name.strip();
        }
        url = url == null ? "" : url.strip();
        if (url.isEmpty()) {
            errors.add("url: the feed's file path or http(s) URL is required");
        }
        FeedFormat f = FeedFormat.parse(format);
        if (f == null && (format == null || format.isBlank())) {
            String lower = url.toLowerCase(Locale.ROOT);
            f = lower.endsWith(".json") ? FeedFormat.JSON : lower.endsWith(".csv") ? FeedFormat.CSV : null;
        }
        if (f == null) {
            errors.add("format: '" + (format == null ? "" : format) + "' is neither csv nor json");
            f = FeedFormat.CSV;
        }
        char d = ',';
        if (delimiter != null && !delimiter.isEmpty()) {
            String dl = delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab") ? "\t" : delimiter;
            if (dl.length() != 1 || dl.charAt(0) == '"' || dl.charAt(0) == '\n' || dl.charAt(0) == '\r') {
                errors.add("delimiter: must be one character other than a quote or a line break (or 'tab')");
            } else {
                d = dl.charAt(0);
            }
        }
        location = location == null ? "" : location.strip();
        if (location.isEmpty()) {
            errors.add("location: the location this source feeds is required (such as warehouse or dropship)");
        }
        if (mapping.sku().isEmpty()) {
            errors.add("skuColumn: the column holding the SKU is required");
        }
        if (mapping.quantity().isEmpty()) {
            errors.add("quantityColumn: the column holding the on-hand quantity is required");
        }
        defaultCurrency = defaultCurrency == null ? "" : defaultCurrency.strip().toUpperCase(Locale.ROOT);
        if (!defaultCurrency.isEmpty()) {
            try {
                Currency.getInstance(defaultCurrency);
            } catch (IllegalArgumentException e) {
                errors.add("currency: '" + defaultCurrency + "' is not an ISO 4217 currency code");
            }
        }
        if (intervalSeconds < 0) {
            errors.add("intervalSeconds: must be 0 (only on demand) or more");
        }
        if (missingRuns < 0) {
            errors.add("missingRunsBeforeDiscontinued: must be 0 (never) or more");
        }
        return new SourceSettings(name, url, f, d, location, mapping, defaultCurrency, Math.max(0, intervalSeconds),
                Math.max(0, missingRuns), acceptPartial, errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
