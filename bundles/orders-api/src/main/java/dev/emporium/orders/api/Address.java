package dev.emporium.orders.api;

/** Where an order is shipped; {@code country} is an ISO 3166-1 alpha-2 code. */
public record Address(String name, String line1, String line2, String postalCode, String city, String country) {
}
