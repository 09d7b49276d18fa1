package dev.emporium.orders.internal.checkout;

import dev.emporium.orders.api.Order;

import java.util.List;

/** What a successful checkout answers: the order, and the prices that changed since the cart was filled. */
public record Placed(Order order, List<PriceChange> priceChanges) {

    public Placed {
        priceChanges = List.copyOf(priceChanges);
    }
}
