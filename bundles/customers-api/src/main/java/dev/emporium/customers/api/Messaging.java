package dev.emporium.customers.api;

/** A messaging account of a customer, such as network {@code whatsapp} and handle {@code +33612345678}. */
public record Messaging(String network, String handle) {
}
