package dev.emporium.platform.internal.storage;

import java.time.OffsetDateTime;

/** An event read back from {@code platform_outbox}, its payload still a JSON object string. */
public record OutboxEvent(long id, String topic, String payloadJson, OffsetDateTime createdAt, int attempts) {
}
