package dev.emporium.customers.api;

/**
 * A postal address of a customer.
 *
 * @param label      the customer's name for it, such as {@code home}
 * @param country    ISO 3166-1 alpha-2, such as {@code FR}
 */
public record Address(String label, String recipient, String line1, String line2, String postalCode, String city,
                      String region, String country) {
}
