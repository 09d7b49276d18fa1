package dev.emporium.inventory.internal.feed;

/**
 * Which feed column holds each value inventory reads. An empty column name means the feed does not carry the value.
 */
public record FieldMapping(String sku, String quantity, String cost, String currency, String discontinued, String location) {

    public FieldMapping {
        sku = clean(sku);
        quantity = clean(quantity);
        cost = clean(cost);
        currency = clean(currency);
        discontinued = clean(discontinued);
        location = clean(location);
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip();
    }
}
