package dev.emporium.orders.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Read access to carts, for other departments (support sees a visitor's cart and follows up abandoned ones). */
public interface Carts {

    Optional<Cart> byId(String cartId);

    /** A signed-in customer's open cart, if any. */
    Optional<Cart> ofCustomer(String customerId);

    /**
     * Abandoned checkouts: signed-in customers' carts that hold lines, are neither checked out nor expired, and were last
     * changed before {@code idleSince}; oldest first.
     */
    List<Cart> idleSince(Instant idleSince, int limit);
}
