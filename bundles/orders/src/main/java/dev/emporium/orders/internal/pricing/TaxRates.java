package dev.emporium.orders.internal.pricing;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Tax rates per shipping country with a default, parsed from {@code default:0.20,DE:0.19}. */
public record TaxRates(BigDecimal defaultRate, Map<String, BigDecimal> byCountry) {

    public TaxRates {
        byCountry = Map.copyOf(byCountry);
    }

    /** The rate for a country (ISO 3166 alpha-2, any case); null or unknown gets the default. */
    public BigDecimal rate(String country) {
        return country == null ? defaultRate : byCountry.getOrDefault(country.toUpperCase(Locale.ROOT), defaultRate);
    }

    /** @throws IllegalArgumentException naming what is wrong with the table */
    public static TaxRates parse(String table) {
        BigDecimal fallback = null;
        Map<String, BigDecimal> rates = new TreeMap<>();
        for (String entry : RateTable.entries(table, "taxRates")) {
            String[] kv = RateTable.split(entry, "taxRates");
            BigDecimal rate = RateTable.decimal(kv[1], "taxRates", entry);
            if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("taxRates: a rate is between 0 and 1, not " + entry);
            }
            if (kv[0].equalsIgnoreCase("default")) {
                fallback = rate;
            } else if (kv[0].matches("[A-Za-z]{2}")) {
                rates.put(kv[0].toUpperCase(Locale.ROOT), rate);
            } else {
                throw new IllegalArgumentException("taxRates: '" + kv[0] + "' is neither default nor a two-letter country code");
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException("taxRates: needs a default rate, such as default:0.20");
        }
        return new TaxRates(fallback, rates);
    }
}
