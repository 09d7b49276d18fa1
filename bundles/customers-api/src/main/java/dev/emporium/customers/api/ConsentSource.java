package dev.emporium.customers.api;

/** Where a consent decision was taken. */
public enum ConsentSource {
    /** The customer, in a storefront. */
    STOREFRONT,
    /** A customer-service agent, on the customer's word. */
    AGENT,
    /** An import from another system. */
    IMPORT
}
