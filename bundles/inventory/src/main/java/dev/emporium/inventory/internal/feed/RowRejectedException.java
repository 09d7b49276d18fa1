package dev.emporium.inventory.internal.feed;

/** A feed row that cannot be applied, with the reason a supplier can act on. */
public class RowRejectedException extends Exception {

    private final String sku;

    public RowRejectedException(String sku, String reason) {
        super(reason, null, false, false);
        this.sku = sku;
    }

    /** The row's SKU when it could be read, else null. */
    public String sku() {
        return sku;
    }
}
