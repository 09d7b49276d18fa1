package dev.emporium.customers.api;

import java.util.List;

/**
 * A grant or withdrawal of consent to be recorded.
 *
 * @param customerId  whose consent
 * @param purpose     one of the configured purposes, such as {@code newsletter}
 * @param channels    the channels it covers; null or empty: every channel
 * @param granted     true for a grant, false for a withdrawal
 * @param source      where the decision was taken
 * @param explanation the exact text the buyer was shown when deciding
 */
public record ConsentChange(String customerId, String purpose, List<ContactChannel> channels, Boolean granted,
                            ConsentSource source, String explanation) {

    public ConsentChange {
        channels = channels == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(channels));
    }
}
