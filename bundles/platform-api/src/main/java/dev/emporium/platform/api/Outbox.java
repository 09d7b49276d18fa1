package dev.emporium.platform.api;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Events that must not be lost. A department writes the event with the connection of the transaction that makes the
 * change; the platform delivers it through Event Admin after commit, at least once, and never for a rolled-back
 * transaction.
 */
public interface Outbox {

    /**
     * Records an event in the caller's transaction.
     *
     * @param tx      the connection whose transaction makes the change (not committed by this call)
     * @param topic   a topic from {@link EventTopics#of}
     * @param payload JSON-serialisable values
     * @return the event's id
     */
    long publish(Connection tx, String topic, Map<String, ?> payload) throws SQLException;

    /**
     * Records many events of one topic in the caller's transaction, in order, written together: for bulk changes such
     * as a supplier batch, where one statement per event would cost more than the change itself.
     *
     * @param tx       the connection whose transaction makes the change (not committed by this call)
     * @param topic    a topic from {@link EventTopics#of}
     * @param payloads JSON-serialisable values, one event each; an empty list writes nothing
     */
    default void publishAll(Connection tx, String topic, List<? extends Map<String, ?>> payloads) throws SQLException {
        for (Map<String, ?> payload : payloads) {
            publish(tx, topic, payload);
        }
    }
}
