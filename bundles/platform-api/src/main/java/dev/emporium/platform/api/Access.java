package dev.emporium.platform.api;

/** Who may call a route. */
public enum Access {
    /** Anyone, storefront visitors included. */
    PUBLIC,
    /** A signed-in customer. */
    CUSTOMER,
    /** A signed-in admin holding the route's role, from an allowed address. */
    ADMIN
}
