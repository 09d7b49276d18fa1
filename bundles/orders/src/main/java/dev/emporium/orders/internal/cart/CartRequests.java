package dev.emporium.orders.internal.cart;

import dev.emporium.platform.api.ValidationException;

/** The checks of what a storefront sends about cart lines. */
final class CartRequests {

    private CartRequests() {
    }

    static String sku(String sku) {
        if (sku == null || sku.isBlank()) {
            throw new ValidationException("sku", "is required");
        }
        if (sku.length() > 64) {
            throw new ValidationException("sku", "is at most 64 characters");
        }
        return sku.strip();
    }

    /** Null means single units. */
    static int packSize(Integer packSize) {
        if (packSize == null) {
            return 1;
        }
        if (packSize < 1 || packSize > 1000) {
            throw new ValidationException("packSize", "must be between 1 and 1000");
        }
        return packSize;
    }

    static long quantity(Long quantity, boolean zeroRemoves) {
        if (quantity == null) {
            throw new ValidationException("quantity", "is required");
        }
        long min = zeroRemoves ? 0 : 1;
        if (quantity < min || quantity > CartBook.MAX_QUANTITY) {
            throw new ValidationException("quantity", "must be between " + min + " and " + CartBook.MAX_QUANTITY);
        }
        return quantity;
    }
}
