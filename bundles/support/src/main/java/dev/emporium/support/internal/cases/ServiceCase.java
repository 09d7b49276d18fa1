package dev.emporium.support.internal.cases;

import java.time.Instant;

/**
 * A service case. {@code origin} is ORDER or MENTION; {@code status} OPEN, RESOLVED or CLOSED (rated by the buyer).
 * {@code flagged} marks a buyer whose influence reaches the configured threshold.
 */
public record ServiceCase(long id, String origin, String orderNumber, String orderStatus, String customerId, String email,
                          String status, String agent, int influence, boolean flagged, Instant openedAt, Instant waitingSince,
                          Instant firstResponseAt, Long firstResponseSeconds, Instant attentionSince, Instant resolvedAt,
                          Long resolutionSeconds, Instant closedAt, Integer rating, String ratingComment, int reopened,
                          Instant updatedAt) {
}
