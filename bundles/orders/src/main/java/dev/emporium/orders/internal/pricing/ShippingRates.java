package dev.emporium.orders.internal.pricing;

import java.math.BigDecimal;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Shipping prices by weight band, parsed from {@code 0:4.90,2000:7.90,10000:14.90}: a parcel pays the price of the
 * highest band whose lower bound (grams) is not above its weight.
 */
public final class ShippingRates {

    private final NavigableMap<Long, BigDecimal> bands;

    private ShippingRates(NavigableMap<Long, BigDecimal> bands) {
        this.bands = bands;
    }

    public BigDecimal price(long weightGrams) {
        return bands.floorEntry(Math.max(0, weightGrams)).getValue();
    }

    public Map<Long, BigDecimal> bands() {
        return Map.copyOf(bands);
    }

    /** @throws IllegalArgumentException naming what is wrong with the table */
    public static ShippingRates parse(String table) {
        NavigableMap<Long, BigDecimal> bands = new TreeMap<>();
        for (String entry : RateTable.entries(table, "shippingRates")) {
            String[] kv = RateTable.split(entry, "shippingRates");
            long grams;
            try {
                grams = Long.parseLong(kv[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("shippingRates: '" + entry + "' does not start with whole grams");
            }
            BigDecimal price = RateTable.decimal(kv[1], "shippingRates", entry);
            if (grams < 0 || price.signum() < 0) {
                throw new IllegalArgumentException("shippingRates: grams and prices are not negative: " + entry);
            }
            if (bands.put(grams, price) != null) {
                throw new IllegalArgumentException("shippingRates: " + grams + " g is listed twice");
            }
        }
        if (!bands.containsKey(0L)) {
            throw new IllegalArgumentException("shippingRates: needs a band from 0 g, such as 0:4.90");
        }
        return new ShippingRates(bands);
    }
}
