package dev.emporium.customers.api;

import java.util.Optional;

/**
 * What the store has learned about a customer beyond the profile, for other departments (support flags influential
 * buyers first, orders ranks suggestions).
 */
public interface CustomerInsights {

    /** The customer's reach: social profiles and influence score; empty for an unknown or erased customer. */
    Optional<CustomerReach> reach(String customerId);

    /** The customer's buying habits, derived from their orders; empty for an unknown or erased customer. */
    Optional<BuyingHabits> habits(String customerId);
}
