package dev.emporium.support.internal.chat;

import java.time.Instant;

/** One message of a chat: {@code from} is VISITOR or AGENT; {@code author} the agent's name (null for the visitor). */
public record ChatMessage(long id, String conversationId, String from, String author, String body, Instant at) {
}
