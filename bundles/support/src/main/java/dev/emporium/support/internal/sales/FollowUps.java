package dev.emporium.support.internal.sales;

import dev.emporium.customers.api.ConsentLedger;
import dev.emporium.customers.api.ContactChannel;
import dev.emporium.orders.api.Cart;
import dev.emporium.orders.api.Carts;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.Money;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.Transactions;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.support.api.SupportEvents;
import dev.emporium.support.internal.Db;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sales follow-ups on a plain DataSource. An abandoned checkout (a customer's cart with lines, idle past the configured
 * time) or a product question becomes a task only when the customers department says the customer may be contacted
 * for the configured purpose on one of the configured channels; a later order of that customer wins the task and
 * credits its agent.
 */
public final class FollowUps {

    public static final Set<String> STATUSES = Set.of("OPEN", "WON", "LOST", "CANCELLED");

    /** The consent a follow-up needs. */
    public record Policy(Duration idle, String purpose, List<ContactChannel> channels) {
    }

    /** What a sweep did. */
    public record SweepResult(int idleCarts, int created, int withoutConsent) {
    }

    private static final String COLUMNS = """
            id, kind, customer_id, cart_id, sku, note, channel, status, agent, created_at, closed_at, order_number, credited_agent,
            credited_total, currency""";

    private final DataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;

    public FollowUps(DataSource dataSource, Outbox outbox, Clock clock) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Looks at abandoned checkouts once: one follow-up per cart, for consenting customers only. */
    public SweepResult sweep(Carts carts, ConsentLedger consent, Policy policy) {
        List<Cart> idle = carts.idleSince(clock.instant().minus(policy.idle()), 200);
        int created = 0;
        int refused = 0;
        for (Cart cart : idle) {
            if (exists(cart.id())) {
                continue;
            }
            Optional<ContactChannel> channel = channel(consent, policy, cart.customerId());
            if (channel.isEmpty()) {
                refused++;
                continue;
            }
            String note = cart.lines().size() + " line(s), " + cart.totals().total() + ", idle since " + cart.updatedAt();
            boolean inserted = Transactions.inTransaction(dataSource, c -> Transactions.insertIfAbsent(c, tx -> {
                insert(tx, "ABANDONED_CART", cart.customerId(), cart.id(), null, note, channel.get().name());
                return null;
            }));
            if (inserted) {
                created++;
            }
        }
        return new SweepResult(idle.size(), created, refused);
    }

    /** A customer's question about a product: a task when consent allows a call back, else empty. */
    public Optional<FollowUp> question(ConsentLedger consent, Policy policy, String customerId, String sku, String question) {
        String s = Db.text("sku", sku, 64, true);
        String q = Db.text("question", question, 2000, true);
        Optional<ContactChannel> channel = channel(consent, policy, customerId);
        if (channel.isEmpty()) {
            return Optional.empty();
        }
        long id = Transactions.inTransaction(dataSource, c -> insert(c, "PRODUCT_QUESTION", customerId, null, s, q, channel.get().name()));
        return Optional.of(get(id));
    }

    private static Optional<ContactChannel> channel(ConsentLedger consent, Policy policy, String customerId) {
        if (consent == null || customerId == null) {
            return Optional.empty();
        }
        return policy.channels().stream().filter(ch -> consent.mayContact(customerId, policy.purpose(), ch)).findFirst();
    }

    /**
     * An order of the customer wins every open follow-up of theirs, crediting each task's agent, in the caller's
     * transaction (the order event's).
     *
     * @return the follow-ups won
     */
    public int orderPlaced(Connection c, String customerId, String orderNumber, BigDecimal total, String currency) throws SQLException {
        if (customerId == null) {
            return 0;
        }
        List<FollowUp> open = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM support_follow_up WHERE customer_id = ? AND status = 'OPEN' ORDER BY id")) {
            Db.bind(ps, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    open.add(row(rs));
                }
            }
        }
        Instant now = clock.instant();
        int won = 0;
        for (FollowUp f : open) {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE support_follow_up SET status = 'WON', closed_at = ?, order_number = ?, credited_agent = agent,
                    credited_total = ?, currency = ? WHERE id = ? AND status = 'OPEN'""")) {
                Db.bind(ps, now, orderNumber, total == null ? Db.NULL_NUMERIC : total, currency, f.id());
                if (ps.executeUpdate() == 0) {
                    continue;
                }
            }
            won++;
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("followUpId", f.id());
            payload.put("customerId", customerId);
            payload.put("orderNumber", orderNumber);
            if (f.agent() != null) {
                payload.put("agent", f.agent());
            }
            if (total != null) {
                payload.put("total", total.toPlainString());
                payload.put("currency", currency);
            }
            outbox.publish(c, SupportEvents.SALE_CREDITED, payload);
        }
        return won;
    }

    public FollowUp assign(long id, String agent) {
        String a = Db.text("agent", agent, 100, true);
        return Transactions.inTransaction(dataSource, c -> {
            FollowUp f = load(c, id);
            if (!"OPEN".equals(f.status())) {
                throw new ConflictException("follow-up " + id + " is " + f.status());
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE support_follow_up SET agent = ? WHERE id = ?")) {
                Db.bind(ps, a, id);
                ps.executeUpdate();
            }
            return load(c, id);
        });
    }

    /** An agent ends an open follow-up without a sale: LOST (the customer said no) or CANCELLED. */
    public FollowUp close(long id, String outcome) {
        String o = outcome == null ? null : outcome.strip().toUpperCase(java.util.Locale.ROOT);
        if (!"LOST".equals(o) && !"CANCELLED".equals(o)) {
            throw new ValidationException("outcome", "LOST or CANCELLED");
        }
        return Transactions.inTransaction(dataSource, c -> {
            FollowUp f = load(c, id);
            if (!"OPEN".equals(f.status())) {
                throw new ConflictException("follow-up " + id + " is " + f.status());
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE support_follow_up SET status = ?, closed_at = ? WHERE id = ?")) {
                Db.bind(ps, o, clock.instant(), id);
                ps.executeUpdate();
            }
            return load(c, id);
        });
    }

    public FollowUp get(long id) {
        return Transactions.inTransaction(dataSource, c -> load(c, id));
    }

    public List<FollowUp> list(String status, String agent, String customerId, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new ValidationException("status", "one of CANCELLED, LOST, OPEN, WON");
        }
        return Transactions.inTransaction(dataSource, c -> {
            List<FollowUp> list = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + """
                     FROM support_follow_up WHERE (? IS NULL OR status = ?) AND (? IS NULL OR agent = ?) AND (? IS NULL OR customer_id = ?)
                    ORDER BY id FETCH FIRST %d ROWS ONLY""".formatted(Math.max(1, Math.min(limit, 500))))) {
                Db.bind(ps, status, status, agent, agent, customerId, customerId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        list.add(row(rs));
                    }
                }
            }
            return list;
        });
    }

    /** Erasure: the customer's words go, the task and its credit stay. */
    public static void anonymize(Connection c, String customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE support_follow_up SET note = NULL, cart_id = NULL WHERE customer_id = ?")) {
            Db.bind(ps, customerId);
            ps.executeUpdate();
        }
    }

    private boolean exists(String cartId) {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM support_follow_up WHERE cart_id = ?")) {
                Db.bind(ps, cartId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private long insert(Connection c, String kind, String customerId, String cartId, String sku, String note, String channel) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO support_follow_up (kind, customer_id, cart_id, sku, note, channel, status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, 'OPEN', ?)""", new String[] {"id"})) {
            Db.bind(ps, kind, customerId, cartId, sku, note, channel, clock.instant());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static FollowUp load(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM support_follow_up WHERE id = ?")) {
            Db.bind(ps, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("no follow-up " + id);
                }
                return row(rs);
            }
        }
    }

    private static FollowUp row(ResultSet rs) throws SQLException {
        BigDecimal total = rs.getBigDecimal("credited_total");
        String currency = rs.getString("currency");
        return new FollowUp(rs.getLong("id"), rs.getString("kind"), rs.getString("customer_id"), rs.getString("cart_id"),
                rs.getString("sku"), rs.getString("note"), rs.getString("channel"), rs.getString("status"), rs.getString("agent"),
                Db.instant(rs, "created_at"), Db.instant(rs, "closed_at"), rs.getString("order_number"), rs.getString("credited_agent"),
                total == null || currency == null ? null : new Money(total, currency));
    }
}
