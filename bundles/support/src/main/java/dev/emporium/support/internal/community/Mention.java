package dev.emporium.support.internal.community;

import java.time.Instant;

/**
 * A mention filed by the community watch. {@code matched} names what of the watch list it matched (null: nothing);
 * {@code proposal} is what support proposes: INVITE_REVIEW (a happy customer: invite a review or a share),
 * THANK (a happy stranger), CASE_OPENED (an unhappy customer: {@code caseId} is theirs), INVITE_TO_STORE (an unhappy
 * stranger: bring them to the store) or NONE.
 */
public record Mention(long id, String source, String externalId, String author, String customerId, String body, String sentiment,
                      String matched, int influence, boolean flagged, String proposal, Long caseId, Instant publishedAt,
                      Instant createdAt) {
}
