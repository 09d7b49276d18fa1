package dev.emporium.inventory.internal.feed;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns a source's raw rows into checked feed lines, with one plain reason per refused row. */
public final class RowMapping {

    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final long MAX_QUANTITY = 1_000_000_000L;
    private static final BigDecimal MAX_COST = new BigDecimal("1000000000");

    private final SourceSettings source;

    public RowMapping(SourceSettings source) {
        this.source = source;
    }

    /**
     * Checks a CSV header against the mapping: the SKU and quantity columns must be there.
     *
     * @throws UnreadableFeedException naming the missing columns
     */
    public void checkColumns(List<String> columns) throws UnreadableFeedException {
        if (columns.isEmpty()) {
            return; // JSON: each row names its own fields
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of(source.mapping().sku(), source.mapping().quantity())) {
            if (!columns.contains(required)) {
                missing.add("'" + required + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new UnreadableFeedException("the feed has no column " + String.join(" or ", missing)
                    + " (its columns: " + String.join(", ", columns) + ")");
        }
    }

    /** The row as a feed line. */
    public FeedLine map(FeedRow row) throws RowRejectedException {
        Map<String, String> v = row.values();
        FieldMapping m = source.mapping();
        String sku = value(v, m.sku());
        if (row.error() != null) {
            throw new RowRejectedException(sku != null && SKU.matcher(sku).matches() ? sku : null, row.error());
        }
        if (sku == null) {
            throw new RowRejectedException(null, "no SKU (column '" + m.sku() + "')");
        }
        if (!SKU.matcher(sku).matches()) {
            throw new RowRejectedException(null, "'" + sku + "' is not a SKU (letters, digits, '.', '_' or '-', up to 64)");
        }
        boolean discontinued = flag(sku, value(v, m.discontinued()), m.discontinued());
        Long quantity = quantity(sku, value(v, m.quantity()), discontinued);
        BigDecimal cost = null;
        String currency = null;
        String costText = value(v, m.cost());
        if (costText != null) {
            cost = cost(sku, costText);
            currency = value(v, m.currency());
            if (currency == null) {
                currency = source.defaultCurrency().isEmpty() ? null : source.defaultCurrency();
            }
            if (currency == null) {
                throw new RowRejectedException(sku, "cost " + costText + " has no currency (column '" + m.currency()
                        + "' is empty and the source names no default currency)");
            }
            currency = currency.toUpperCase(Locale.ROOT);
            try {
                Currency.getInstance(currency);
            } catch (IllegalArgumentException e) {
                throw new RowRejectedException(sku, "'" + currency + "' is not an ISO 4217 currency code");
            }
        }
        String location = value(v, m.location());
        return new FeedLine(row.line(), sku, location == null ? source.location() : location, quantity, cost, currency, discontinued);
    }

    private static String value(Map<String, String> values, String column) {
        if (column.isEmpty()) {
            return null;
        }
        String s = values.get(column);
        if (s == null) {
            return null;
        }
        s = s.strip();
        return s.isEmpty() ? null : s;
    }

    private Long quantity(String sku, String text, boolean discontinued) throws RowRejectedException {
        if (text == null) {
            if (discontinued) {
                return null;
            }
            throw new RowRejectedException(sku, "no quantity (column '" + source.mapping().quantity() + "')");
        }
        BigDecimal q;
        try {
            q = new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            throw new RowRejectedException(sku, "quantity '" + text + "' is not a number");
        }
        if (q.signum() < 0) {
            throw new RowRejectedException(sku, "quantity " + text + " is negative");
        }
        if (q.stripTrailingZeros().scale() > 0) {
            throw new RowRejectedException(sku, "quantity " + text + " is not a whole number");
        }
        if (q.compareTo(BigDecimal.valueOf(MAX_QUANTITY)) > 0) {
            throw new RowRejectedException(sku, "quantity " + text + " is over " + MAX_QUANTITY);
        }
        return q.longValueExact();
    }

    private static BigDecimal cost(String sku, String text) throws RowRejectedException {
        BigDecimal c;
        try {
            c = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new RowRejectedException(sku, "cost '" + text + "' is not a decimal number (use '.' for decimals)");
        }
        if (c.signum() < 0) {
            throw new RowRejectedException(sku, "cost " + text + " is negative");
        }
        if (c.stripTrailingZeros().scale() > 4) {
            throw new RowRejectedException(sku, "cost " + text + " has more than 4 decimals");
        }
        if (c.compareTo(MAX_COST) >= 0) {
            throw new RowRejectedException(sku, "cost " + text + " is not under " + MAX_COST.toPlainString());
        }
        return c;
    }

    private static boolean flag(String sku, String text, String column) throws RowRejectedException {
        if (text == null) {
            return false;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "x", "discontinued" -> true;
            case "false", "no", "n", "0" -> false;
            default -> throw new RowRejectedException(sku, column + " '" + text + "' is not yes/no, true/false or 1/0");
        };
    }
}
