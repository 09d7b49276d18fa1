package dev.emporium.platform.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.SchemaMigrations;
import dev.emporium.platform.internal.storage.OutboxStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** The outbox departments write their events to, in their own transactions; it owns the platform's schema. */
@Component(service = Outbox.class)
public class TransactionalOutbox implements Outbox {

    private final OutboxStore store;

    @Activate
    public TransactionalOutbox(@Reference SchemaMigrations migrations, @Reference ObjectMapper mapper, BundleContext context) {
        migrations.migrate("platform", context.getBundle());
        this.store = new OutboxStore(mapper);
    }

    @Override
    public long publish(Connection tx, String topic, Map<String, ?> payload) throws SQLException {
        return store.append(tx, topic, payload);
    }

    @Override
    public void publishAll(Connection tx, String topic, List<? extends Map<String, ?>> payloads) throws SQLException {
        store.appendAll(tx, topic, payloads);
    }
}
