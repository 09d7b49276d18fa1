package dev.emporium.customers.api;

import java.util.Optional;

/** Read access to customer profiles for other departments (support, orders). */
public interface CustomerProfiles {

    /** The customer, erased ones included (with their personal fields empty). */
    Optional<CustomerProfile> find(String customerId);
}
