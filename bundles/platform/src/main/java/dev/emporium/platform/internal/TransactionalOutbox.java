package dev.emporium.platform.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.SchemaMigrations;
import dev.emporium.platform.internal.storage.OutboxStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** The outbox departments write their events to, in their own transactions; it owns the platform's schema. */
@Component(service = Outbox.class)
public class TransactionalOutbox implements Outbox {

    private final OutboxStore store;

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalOutbox.class);

    @Activate
    public TransactionalOutbox(@Reference SchemaMigrations migrations, @Reference ObjectMapper mapper, BundleContext context,
                               @Reference(target = "(dataSourceName=emporium)") DataSource dataSource) {
        migrations.migrate("platform", context.getBundle());
        this.store = new OutboxStore(mapper);
        try (Connection c = dataSource.getConnection()) {
            if (OutboxStore.cacheIdsOnH2(c)) {
                LOG.info("Outbox event ids now come {} per write of H2's sequence state", OutboxStore.H2_ID_CACHE);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Outbox: H2's id cache left as it is ({}); events are written as before, only slower", e.toString());
        }
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
