package dev.emporium.itests;

import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.Transactions;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Events of a department a test does not install, published the way that department would (through the platform's
 * outbox, in a transaction), and awaited until the durable subscription that hears them has handled them. Only
 * called once the store's features are installed: it uses platform API types.
 */
final class OutboxEvents {

    private OutboxEvents() {
    }

    /** Publishes {@code payload} on {@code topic}, then waits until {@code subscription} has passed it; answers its id. */
    static long publishAndAwait(BundleContext context, String topic, Map<String, ?> payload, String subscription, int seconds)
            throws Exception {
        Outbox outbox = context.getService(context.getServiceReference(Outbox.class));
        Collection<ServiceReference<DataSource>> refs = context.getServiceReferences(DataSource.class, "(dataSourceName=emporium)");
        DataSource ds = context.getService(refs.iterator().next());
        long id = Transactions.inTransaction(ds, c -> outbox.publish(c, topic, payload));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long passed = -1;
        while (System.nanoTime() < deadline) {
            try (Connection c = ds.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT MIN(passed_id) FROM platform_outbox_subscription WHERE name = ?")) {
                ps.setString(1, subscription);
                try (ResultSet rs = ps.executeQuery()) {
                    passed = rs.next() ? rs.getLong(1) : -1;
                }
            }
            if (passed >= id) {
                return id;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("subscription " + subscription + " did not pass event " + id + " (" + topic + ") within "
                + seconds + " s; it is at " + passed);
    }
}
