package dev.emporium.inventory.api;

import java.util.List;

/**
 * The stock of one SKU over every location.
 *
 * @param available    what may still be sold: the sum of the locations' available quantities, zero when discontinued
 * @param sellable     not discontinued and something available
 * @param discontinued never sold again; reservations are refused
 */
public record SkuStock(String sku, long available, boolean sellable, boolean discontinued, long onHand, long reserved,
                       List<LocationStock> locations) {

    public SkuStock {
        locations = List.copyOf(locations);
    }
}
