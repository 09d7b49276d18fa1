package dev.emporium.support.api;

import dev.emporium.platform.api.EventTopics;

/**
 * The topics support publishes through the outbox. Payloads carry {@code caseId} and, when known, {@code orderNumber}
 * and {@code customerId}; never personal data.
 */
public final class SupportEvents {

    /** The department name, also the first segment of its routes. */
    public static final String DEPARTMENT = "support";

    /** A service case was opened (from an order or a negative mention); payload adds {@code origin}. */
    public static final String CASE_OPENED = EventTopics.of(DEPARTMENT, "CASE_OPENED");
    /** A case was resolved, or closed with a satisfaction {@code rating} (1 to 5). */
    public static final String CASE_CLOSED = EventTopics.of(DEPARTMENT, "CASE_CLOSED");
    /** A sales follow-up ended in an order; payload adds {@code followUpId}, {@code agent}, {@code total}, {@code currency}. */
    public static final String SALE_CREDITED = EventTopics.of(DEPARTMENT, "SALE_CREDITED");

    private SupportEvents() {
    }
}
