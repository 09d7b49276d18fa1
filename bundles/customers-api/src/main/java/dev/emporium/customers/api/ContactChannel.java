package dev.emporium.customers.api;

/** A way of reaching a customer. */
public enum ContactChannel {
    EMAIL, PHONE, MESSAGING
}
