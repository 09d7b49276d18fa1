package dev.emporium.customers.api;

/** Whether a customer account is in use. */
public enum CustomerStatus {
    ACTIVE,
    /** The personal data is gone; the id remains as a tombstone that orders and invoices still point to. */
    ERASED
}
