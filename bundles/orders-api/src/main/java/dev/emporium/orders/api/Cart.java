package dev.emporium.orders.api;

import java.time.Instant;
import java.util.List;

/**
 * A cart. A guest's cart is reached by its id alone, an unguessable token; a signed-in customer's only by that customer.
 *
 * @param customerId the owner, or null for a guest's cart
 */
public record Cart(String id, String customerId, List<CartLine> lines, Totals totals, Instant expiresAt, Instant updatedAt) {

    public Cart {
        lines = List.copyOf(lines);
    }
}
