package dev.emporium.support.internal;

import dev.emporium.platform.api.Transactions;
import dev.emporium.support.api.Notification;
import dev.emporium.support.api.NotificationChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.time.Clock;

/**
 * The built-in notification channel: every message to a buyer is written to the store's own table (shown with the
 * case, to the buyer and to agents) and to the log. Support always sends through it; email or SMS channels are other
 * bundles publishing {@link NotificationChannel}, used as well. It is not a service of its own: a component needing
 * {@link SupportService} while support binds every channel would be a circular reference, which SCR resolves in
 * either order (seen here: sometimes the channel never bound).
 */
public final class StoreNotifications implements NotificationChannel {

    private static final Logger LOG = LoggerFactory.getLogger(StoreNotifications.class);

    private final DataSource dataSource;
    private final Clock clock;

    StoreNotifications(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "store";
    }

    @Override
    public boolean send(Notification n) {
        Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO support_notification (case_id, order_number, customer_id, recipient, subject, body, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                Db.bind(ps, n.caseId(), n.orderNumber(), n.customerId(), n.email(), n.subject(), n.body(), clock.instant());
                ps.executeUpdate();
            }
            return null;
        });
        LOG.info("Notification for case {} ({}): {}", n.caseId(), n.orderNumber() == null ? "no order" : "order " + n.orderNumber(), n.subject());
        return true;
    }
}
