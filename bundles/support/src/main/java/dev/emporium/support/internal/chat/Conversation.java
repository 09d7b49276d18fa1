package dev.emporium.support.internal.chat;

import java.time.Instant;

/**
 * A live chat. {@code status} is WAITING (in the agents' queue), ACTIVE (taken by {@code agent}) or CLOSED.
 *
 * @param customerId the signed-in customer who opened it, or null for a visitor
 */
public record Conversation(String id, String status, String customerId, String visitorName, String topic, String cartId,
                           String agent, Instant createdAt, Instant takenAt, Instant firstResponseAt, Long firstResponseSeconds,
                           Instant closedAt, Instant updatedAt) {
}
