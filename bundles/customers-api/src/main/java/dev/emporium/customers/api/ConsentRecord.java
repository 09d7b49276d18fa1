package dev.emporium.customers.api;

import java.time.Instant;

/** One entry of the consent ledger: a grant or withdrawal for one purpose and channel, never changed afterwards. */
public record ConsentRecord(long id, String purpose, ContactChannel channel, boolean granted, ConsentSource source,
                            String explanation, Instant at) {
}
