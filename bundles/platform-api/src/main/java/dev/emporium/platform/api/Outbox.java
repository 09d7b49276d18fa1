package dev.emporium.platform.api;

import java.sql.Connection;
import java.sql.SQLException;
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
}
