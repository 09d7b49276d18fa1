package dev.emporium.customers.api;

/** One social network account of a customer, entered by the customer or an agent. */
public record SocialProfile(String network, String handle, long followers) {
}
