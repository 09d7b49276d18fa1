package dev.emporium.support.internal.cases;

import java.time.Instant;

/** A message the built-in channel recorded for a case. */
public record SentNotification(long id, long caseId, String orderNumber, String customerId, String recipient, String subject,
                               String body, Instant at) {
}
