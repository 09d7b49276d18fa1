package dev.emporium.customers.api;

import java.util.List;

/**
 * Every grant and withdrawal of consent, with when, where and the text the buyer was shown. Other departments ask
 * {@link #mayContact} before any marketing; a withdrawal answers false from the moment it is recorded.
 */
public interface ConsentLedger {

    /**
     * @return true only when the customer exists, is not erased, and the latest decision for this purpose and channel
     *         is a grant; false for an unknown customer or a purpose that is not configured
     */
    boolean mayContact(String customerId, String purpose, ContactChannel channel);

    /**
     * Records a decision, one ledger entry per channel, and publishes {@link CustomerEvents#CONSENT_CHANGED}.
     *
     * @return the entries written
     * @throws dev.emporium.platform.api.ValidationException naming {@code purpose}, {@code explanation}... when invalid
     * @throws dev.emporium.platform.api.NotFoundException   when there is no such customer
     */
    List<ConsentRecord> record(ConsentChange change);

    /** The consent in force for every purpose and channel the customer has decided on. */
    List<ConsentState> current(String customerId);

    /** The customer's whole ledger, oldest first. */
    List<ConsentRecord> history(String customerId);

    /** The configured purposes, such as {@code newsletter}, {@code promotions}, {@code profiling}, {@code social_lookup}. */
    List<String> purposes();
}
