package dev.emporium.customers.api;

import java.time.Instant;

/** The consent in force for one purpose and channel: the latest ledger entry for them. */
public record ConsentState(String purpose, ContactChannel channel, boolean granted, Instant since) {
}
