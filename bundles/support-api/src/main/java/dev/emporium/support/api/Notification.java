package dev.emporium.support.api;

/**
 * A message to a buyer about a service case.
 *
 * @param caseId      the support case it is about
 * @param orderNumber the order of the case, or null for a case opened from a mention
 * @param customerId  the buyer's customer id, or null for a guest
 * @param email       where a guest (or a customer) can be written to, or null when unknown
 * @param subject     one line
 * @param body        the message
 */
public record Notification(long caseId, String orderNumber, String customerId, String email, String subject, String body) {
}
