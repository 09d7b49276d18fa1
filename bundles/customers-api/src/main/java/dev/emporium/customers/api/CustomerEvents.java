package dev.emporium.customers.api;

import dev.emporium.platform.api.EventTopics;

/**
 * The topics customers publishes through the outbox. Every payload carries {@code customerId} and never any personal
 * data (outbox rows outlive an erasure), so a handler that needs more asks {@link CustomerProfiles}.
 */
public final class CustomerEvents {

    /** The department name, also the first segment of its routes. */
    public static final String DEPARTMENT = "customers";

    /** A customer signed up. */
    public static final String CUSTOMER_REGISTERED = EventTopics.of(DEPARTMENT, "CUSTOMER_REGISTERED");
    /** A customer's profile changed. */
    public static final String PROFILE_UPDATED = EventTopics.of(DEPARTMENT, "PROFILE_UPDATED");
    /** A consent was granted or withdrawn; payload adds {@code purpose}, {@code channels} (comma separated), {@code granted}, {@code source}. */
    public static final String CONSENT_CHANGED = EventTopics.of(DEPARTMENT, "CONSENT_CHANGED");
    /**
     * A customer's personal data was erased; payload adds {@code erasedAt}. Other departments anonymize what they hold on
     * {@code customerId}, keeping what accounting must keep.
     */
    public static final String CUSTOMER_ERASED = EventTopics.of(DEPARTMENT, "CUSTOMER_ERASED");

    private CustomerEvents() {
    }
}
