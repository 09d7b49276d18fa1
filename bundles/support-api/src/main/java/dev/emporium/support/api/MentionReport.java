package dev.emporium.support.api;

import java.time.Instant;

/**
 * A public post about the store or its products, as a source reports it.
 *
 * @param externalId  the post's id at its source: the same post is filed once
 * @param author      the author's handle at the source
 * @param customerId  the store's customer id when the source (or the admin) knows it, else null
 * @param text        what was said
 * @param sentiment   {@code POSITIVE}, {@code NEGATIVE} or {@code NEUTRAL} when the source rates it; null lets support
 *                    rate it from its word lists
 * @param publishedAt when it was published, or null for now
 */
public record MentionReport(String externalId, String author, String customerId, String text, String sentiment, Instant publishedAt) {
}
