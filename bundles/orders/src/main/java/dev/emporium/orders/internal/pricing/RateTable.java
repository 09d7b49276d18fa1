package dev.emporium.orders.internal.pricing;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/** The shared syntax of the rate tables in the configuration: {@code key:value} entries separated by commas. */
final class RateTable {

    private RateTable() {
    }

    static List<String> entries(String table, String setting) {
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException(setting + ": is empty");
        }
        return Arrays.stream(table.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static String[] split(String entry, String setting) {
        String[] kv = entry.split(":", -1);
        if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
            throw new IllegalArgumentException(setting + ": '" + entry + "' is not key:value");
        }
        return new String[] {kv[0].strip(), kv[1].strip()};
    }

    static BigDecimal decimal(String value, String setting, String entry) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + ": '" + entry + "' has no decimal number");
        }
    }
}
