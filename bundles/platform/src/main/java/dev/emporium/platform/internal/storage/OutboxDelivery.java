package dev.emporium.platform.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands pending outbox events to a sink in id order, marking each delivered only after the sink returned. */
public final class OutboxDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDelivery.class);

    private final DataSource dataSource;
    private final OutboxStore store;
    private final int batchSize;

    public OutboxDelivery(DataSource dataSource, OutboxStore store, int batchSize) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.store = Objects.requireNonNull(store, "store");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * Delivers up to one batch. Each event is marked delivered in its own commit after the sink accepted it, so a
     * crash in between delivers it again (at least once). When the sink throws, the failure is recorded, the event
     * stays pending and the batch stops there, so later events never overtake it.
     *
     * @return how many events were delivered
     */
    public int deliverPending(Consumer<OutboxEvent> sink) throws SQLException {
        Objects.requireNonNull(sink, "sink");
        try (Connection c = dataSource.getConnection()) {
            // Autocommit makes every mark its own commit and keeps no transaction open while the sink runs.
            c.setAutoCommit(true);
            List<OutboxEvent> batch = store.pending(c, batchSize);
            int delivered = 0;
            for (OutboxEvent event : batch) {
                try {
                    sink.accept(event);
                } catch (RuntimeException e) {
                    LOG.warn("Outbox event {} ({}) failed on attempt {}; it stays pending", event.id(),
                            event.topic(), event.attempts() + 1, e);
                    store.recordFailure(c, event.id(), e.toString());
                    return delivered;
                }
                store.markDelivered(c, event.id());
                delivered++;
            }
            return delivered;
        }
    }
}
