package dev.emporium.support.internal.cases;

import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.Transactions;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.support.api.Notification;
import dev.emporium.support.api.SupportEvents;
import dev.emporium.support.internal.Db;

import javax.sql.DataSource;
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
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Service cases on a plain DataSource: one per order, opened by its first event and kept up to date by the next ones,
 * the buyer told of every status change; complaints and questions reopen a resolved case and start its timers; an
 * agent's reply stops the first-response timer; a rating closes the case. Notifications leave after the commit.
 */
public final class CaseBook {

    public static final String OPEN = "OPEN";
    public static final String RESOLVED = "RESOLVED";
    public static final String CLOSED = "CLOSED";
    public static final Set<String> STATUSES = Set.of(OPEN, RESOLVED, CLOSED);
    public static final Set<String> BUYER_KINDS = Set.of("COMPLAINT", "QUESTION");
    public static final Set<String> AGENT_KINDS = Set.of("REPLY", "NOTE", "COMPLAINT", "QUESTION");

    /** What an order event says, as the orders department publishes it. */
    public record OrderFacts(String event, String number, String status, String customerId, String email, String carrier,
                             String trackingNumber, String total, String currency) {
    }

    /** The targets of the timers. */
    public record Targets(Duration firstResponse, Duration resolution) {
    }

    private static final String COLUMNS = """
            id, origin, order_number, order_status, customer_id, email, status, agent, influence, flagged, opened_at, waiting_since,
            first_response_at, first_response_seconds, attention_since, resolved_at, resolution_seconds, closed_at, rating,
            rating_comment, reopened, updated_at""";

    private final DataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;
    private final Supplier<Targets> targets;
    private final Consumer<List<Notification>> notifier;

    public CaseBook(DataSource dataSource, Outbox outbox, Clock clock, Supplier<Targets> targets, Consumer<List<Notification>> notifier) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
        this.targets = targets;
        this.notifier = notifier;
    }

    public Consumer<List<Notification>> notifier() {
        return notifier;
    }

    /**
     * Applies an order event in the caller's transaction: opens the order's case when it has none (whatever the event,
     * so an order placed before support was installed gets its case at its next step), records the step and returns
     * what to tell the buyer once committed.
     */
    public List<Notification> orderEvent(Connection c, OrderFacts f) throws SQLException {
        Instant now = clock.instant();
        ServiceCase sc = byOrder(c, f.number()).orElse(null);
        List<Notification> out = new ArrayList<>();
        if (sc == null) {
            boolean inserted = Transactions.insertIfAbsent(c, tx -> {
                try (PreparedStatement ps = tx.prepareStatement("""
                        INSERT INTO support_case (origin, order_number, order_status, customer_id, email, status, influence, flagged,
                        opened_at, reopened, updated_at) VALUES ('ORDER', ?, ?, ?, ?, ?, 0, FALSE, ?, 0, ?)""")) {
                    Db.bind(ps, f.number(), f.status(), f.customerId(), f.email(), OPEN, now, now);
                    ps.executeUpdate();
                }
                return null;
            });
            sc = byOrder(c, f.number()).orElseThrow();
            if (inserted) {
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("caseId", sc.id());
                payload.put("origin", "ORDER");
                payload.put("orderNumber", f.number());
                if (f.customerId() != null) {
                    payload.put("customerId", f.customerId());
                }
                outbox.publish(c, SupportEvents.CASE_OPENED, payload);
            }
        }
        String subject;
        String body;
        switch (f.event()) {
            case "ORDER_PLACED" -> {
                subject = "We have your order " + f.number();
                body = "Thank you for your order " + f.number() + (f.total() == null ? "" : " (" + f.total() + " " + f.currency() + ")")
                        + (("AWAITING_PAYMENT").equals(f.status()) ? ". We will prepare it as soon as your payment arrives." : ". We are preparing it.")
                        + " We will tell you at every step until it is delivered.";
            }
            case "ORDER_PAID" -> {
                subject = "Payment received for order " + f.number();
                body = "Your payment for order " + f.number() + " arrived. We are preparing your parcel.";
            }
            case "ORDER_PACKED" -> {
                subject = "Order " + f.number() + " is packed";
                body = "Your order " + f.number() + " is packed and will leave shortly.";
            }
            case "ORDER_SHIPPED" -> {
                subject = "Order " + f.number() + " has shipped";
                body = "Your order " + f.number() + " has shipped" + (f.carrier() == null ? "" : " with " + f.carrier())
                        + (f.trackingNumber() == null ? "" : ", tracking number " + f.trackingNumber()) + ".";
            }
            case "ORDER_DELIVERED" -> {
                subject = "Order " + f.number() + " was delivered";
                body = "Your order " + f.number() + " was delivered. Tell us how it went: rate your experience, or write to us if anything is wrong.";
            }
            case "ORDER_CANCELLED" -> {
                subject = "Order " + f.number() + " was cancelled";
                body = "Your order " + f.number() + " was cancelled. Write to us if you did not expect it.";
            }
            default -> {
                return out;
            }
        }
        entry(c, sc.id(), "STATUS", "SYSTEM", null, f.event().substring("ORDER_".length()) + ": " + subject, now);
        try (PreparedStatement ps = c.prepareStatement("UPDATE support_case SET order_status = ?, email = COALESCE(email, ?), updated_at = ? WHERE id = ?")) {
            Db.bind(ps, f.status(), f.email(), now, sc.id());
            ps.executeUpdate();
        }
        boolean ends = f.event().equals("ORDER_DELIVERED") || f.event().equals("ORDER_CANCELLED");
        if (ends && OPEN.equals(sc.status()) && sc.waitingSince() == null) {
            // delivered and nobody waits for an answer: the experience is complete unless the buyer says otherwise
            resolve(c, sc, now, null);
        }
        out.add(new Notification(sc.id(), f.number(), f.customerId() != null ? f.customerId() : sc.customerId(),
                f.email() != null ? f.email() : sc.email(), subject, body));
        return out;
    }

    /** Opens a case from a negative mention of a known customer, in the caller's transaction. */
    public long openForMention(Connection c, String customerId, int influence, boolean flagged, String text) throws SQLException {
        Instant now = clock.instant();
        long id;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO support_case (origin, customer_id, status, influence, flagged, opened_at, waiting_since, attention_since,
                reopened, updated_at) VALUES ('MENTION', ?, ?, ?, ?, ?, ?, ?, 0, ?)""", new String[] {"id"})) {
            Db.bind(ps, customerId, OPEN, influence, flagged, now, now, now, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        entry(c, id, "COMPLAINT", "BUYER", null, "Said in public: " + text, now);
        outbox.publish(c, SupportEvents.CASE_OPENED, Map.of("caseId", id, "origin", "MENTION", "customerId", customerId));
        return id;
    }

    /** The buyer (the case's customer) adds a complaint or a question: a resolved or closed case opens again. */
    public CaseView buyerWrites(long caseId, String customerId, String kind, String body) {
        String k = kind(kind, BUYER_KINDS);
        String text = Db.text("body", body, 4000, true);
        Transactions.inTransaction(dataSource, c -> {
            ServiceCase sc = load(c, caseId);
            if (customerId == null || !customerId.equals(sc.customerId())) {
                throw new NotFoundException("no case " + caseId);
            }
            buyerEntry(c, sc, k, text);
            return null;
        });
        return view(caseId);
    }

    private void buyerEntry(Connection c, ServiceCase sc, String kind, String text) throws SQLException {
        Instant now = clock.instant();
        entry(c, sc.id(), kind, "BUYER", null, text, now);
        boolean reopen = !OPEN.equals(sc.status());
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE support_case SET status = ?, waiting_since = COALESCE(waiting_since, ?), attention_since = COALESCE(attention_since, ?),
                resolved_at = CASE WHEN ? THEN NULL ELSE resolved_at END, closed_at = CASE WHEN ? THEN NULL ELSE closed_at END,
                reopened = reopened + ?, updated_at = ? WHERE id = ?""")) {
            Db.bind(ps, OPEN, now, now, reopen, reopen, reopen ? 1 : 0, now, sc.id());
            ps.executeUpdate();
        }
    }

    /**
     * An agent writes: a REPLY goes to the buyer and answers what waited (stopping the first-response timer), a NOTE
     * stays among agents, a COMPLAINT or QUESTION is recorded for the buyer (from a call, say) and opens the case.
     * A case nobody holds is the writing agent's from now on.
     */
    public CaseView agentWrites(long caseId, String agent, String kind, String body) {
        String k = kind(kind, AGENT_KINDS);
        String text = Db.text("body", body, 4000, true);
        List<Notification> out = new ArrayList<>();
        Transactions.inTransaction(dataSource, c -> {
            ServiceCase sc = load(c, caseId);
            Instant now = clock.instant();
            if (BUYER_KINDS.contains(k)) {
                buyerEntry(c, sc, k, text);
                return null;
            }
            entry(c, caseId, k, "AGENT", agent, text, now);
            try (PreparedStatement ps = c.prepareStatement("UPDATE support_case SET agent = COALESCE(agent, ?), updated_at = ? WHERE id = ?")) {
                Db.bind(ps, agent, now, caseId);
                ps.executeUpdate();
            }
            if (k.equals("REPLY")) {
                answered(c, sc, now);
                out.add(new Notification(caseId, sc.orderNumber(), sc.customerId(), sc.email(),
                        sc.orderNumber() == null ? "An answer from the store" : "About your order " + sc.orderNumber(), text));
            }
            return null;
        });
        notifier.accept(out);
        return view(caseId);
    }

    private void answered(Connection c, ServiceCase sc, Instant now) throws SQLException {
        if (sc.waitingSince() == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE support_case SET first_response_at = COALESCE(first_response_at, ?),
                first_response_seconds = COALESCE(first_response_seconds, ?), waiting_since = NULL WHERE id = ?""")) {
            Db.bind(ps, now, Duration.between(sc.waitingSince(), now).toSeconds(), sc.id());
            ps.executeUpdate();
        }
    }

    public CaseView assign(long caseId, String agent) {
        String a = Db.text("agent", agent, 100, true);
        Transactions.inTransaction(dataSource, c -> {
            load(c, caseId);
            try (PreparedStatement ps = c.prepareStatement("UPDATE support_case SET agent = ?, updated_at = ? WHERE id = ?")) {
                Db.bind(ps, a, clock.instant(), caseId);
                ps.executeUpdate();
            }
            entry(c, caseId, "NOTE", "AGENT", a, "Assigned to " + a, clock.instant());
            return null;
        });
        return view(caseId);
    }

    /** An agent resolves an open case; the buyer is asked to rate it. */
    public CaseView resolve(long caseId, String agent, String note) {
        String n = Db.text("note", note, 4000, false);
        List<Notification> out = new ArrayList<>();
        Transactions.inTransaction(dataSource, c -> {
            ServiceCase sc = load(c, caseId);
            if (!OPEN.equals(sc.status())) {
                throw new ConflictException("case " + caseId + " is " + sc.status() + " already");
            }
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement("UPDATE support_case SET agent = COALESCE(agent, ?) WHERE id = ?")) {
                Db.bind(ps, agent, caseId);
                ps.executeUpdate();
            }
            entry(c, caseId, "STATUS", "AGENT", agent, "RESOLVED" + (n == null ? "" : ": " + n), now);
            resolve(c, sc, now, agent);
            out.add(new Notification(caseId, sc.orderNumber(), sc.customerId(), sc.email(),
                    "Your case " + caseId + " is resolved", (n == null ? "" : n + " ")
                    + "Tell us how we did: rate your experience from 1 to 5, or write to us if anything is still wrong."));
            return null;
        });
        notifier.accept(out);
        return view(caseId);
    }

    private void resolve(Connection c, ServiceCase sc, Instant now, String agent) throws SQLException {
        answered(c, sc, now);
        Long seconds = sc.attentionSince() == null ? null : Duration.between(sc.attentionSince(), now).toSeconds();
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE support_case SET status = ?, resolved_at = ?, attention_since = NULL, waiting_since = NULL, updated_at = ?
                WHERE id = ?""")) {
            Db.bind(ps, RESOLVED, now, now, sc.id());
            ps.executeUpdate();
        }
        if (seconds != null) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE support_case SET resolution_seconds = ? WHERE id = ?")) {
                Db.bind(ps, seconds, sc.id());
                ps.executeUpdate();
            }
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("caseId", sc.id());
        payload.put("status", RESOLVED);
        if (sc.orderNumber() != null) {
            payload.put("orderNumber", sc.orderNumber());
        }
        outbox.publish(c, SupportEvents.CASE_CLOSED, payload);
    }

    /** The buyer rates a resolved case from 1 to 5: it closes. */
    public CaseView rate(long caseId, String customerId, Integer rating, String comment) {
        if (rating == null || rating < 1 || rating > 5) {
            throw new ValidationException("rating", "a whole number from 1 to 5");
        }
        String text = Db.text("comment", comment, 2000, false);
        Transactions.inTransaction(dataSource, c -> {
            ServiceCase sc = load(c, caseId);
            if (customerId == null || !customerId.equals(sc.customerId())) {
                throw new NotFoundException("no case " + caseId);
            }
            if (!RESOLVED.equals(sc.status())) {
                throw new ConflictException("case " + caseId + " is " + sc.status() + ": only a resolved case is rated");
            }
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE support_case SET status = ?, rating = ?, rating_comment = ?, closed_at = ?, updated_at = ? WHERE id = ?""")) {
                Db.bind(ps, CLOSED, rating, text, now, now, caseId);
                ps.executeUpdate();
            }
            entry(c, caseId, "STATUS", "BUYER", null, "CLOSED: rated " + rating + "/5" + (text == null ? "" : ": " + text), now);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("caseId", caseId);
            payload.put("status", CLOSED);
            payload.put("rating", rating);
            outbox.publish(c, SupportEvents.CASE_CLOSED, payload);
            return null;
        });
        return view(caseId);
    }

    public CaseView view(long caseId) {
        return Transactions.inTransaction(dataSource, c -> {
            ServiceCase sc = load(c, caseId);
            List<CaseEntry> entries = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, kind, author_kind, author, body, created_at FROM support_case_entry WHERE case_id = ? ORDER BY id")) {
                Db.bind(ps, caseId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new CaseEntry(rs.getLong("id"), rs.getString("kind"), rs.getString("author_kind"),
                                rs.getString("author"), rs.getString("body"), Db.instant(rs, "created_at")));
                    }
                }
            }
            return new CaseView(sc, timers(sc), entries, notifications(c, caseId));
        });
    }

    /** A buyer's view of one of their cases: agents' notes are not theirs to read. */
    public CaseView buyerView(long caseId, String customerId) {
        CaseView v = view(caseId);
        if (customerId == null || !customerId.equals(v.serviceCase().customerId())) {
            throw new NotFoundException("no case " + caseId);
        }
        return new CaseView(v.serviceCase(), v.timers(), v.entries().stream().filter(e -> !e.kind().equals("NOTE")).toList(), v.notifications());
    }

    public Optional<ServiceCase> byOrder(String number) {
        return Transactions.inTransaction(dataSource, c -> byOrder(c, number));
    }

    /** Cases by status (any when null), agent and customer; flagged buyers first, then the oldest. */
    public List<ServiceCase> list(String status, String agent, String customerId, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new ValidationException("status", "one of CLOSED, OPEN, RESOLVED");
        }
        return Transactions.inTransaction(dataSource, c -> {
            List<ServiceCase> list = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + """
                     FROM support_case WHERE (? IS NULL OR status = ?) AND (? IS NULL OR agent = ?) AND (? IS NULL OR customer_id = ?)
                    ORDER BY flagged DESC, influence DESC, id FETCH FIRST %d ROWS ONLY""".formatted(Math.max(1, Math.min(limit, 500))))) {
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

    /** Erasure: the buyer's address and words go; the case, its steps and the agents' figures stay. */
    public static void anonymize(Connection c, String customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE support_case_entry SET body = ? WHERE author_kind = 'BUYER'
                AND case_id IN (SELECT id FROM support_case WHERE customer_id = ?)""")) {
            Db.bind(ps, Db.ERASED, customerId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE support_case SET email = NULL, rating_comment = NULL WHERE customer_id = ?")) {
            Db.bind(ps, customerId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE support_notification SET recipient = NULL, body = ? WHERE customer_id = ?")) {
            Db.bind(ps, Db.ERASED, customerId);
            ps.executeUpdate();
        }
    }

    private CaseView.Timers timers(ServiceCase sc) {
        Targets t = targets.get();
        Instant now = clock.instant();
        Instant firstDue = sc.waitingSince() == null ? null : sc.waitingSince().plus(t.firstResponse());
        Instant resolutionDue = sc.attentionSince() == null || !OPEN.equals(sc.status()) ? null : sc.attentionSince().plus(t.resolution());
        return new CaseView.Timers(t.firstResponse().toMinutes(), firstDue, firstDue != null && now.isAfter(firstDue),
                t.resolution().toHours(), resolutionDue, resolutionDue != null && now.isAfter(resolutionDue));
    }

    private static List<SentNotification> notifications(Connection c, long caseId) throws SQLException {
        List<SentNotification> list = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, case_id, order_number, customer_id, recipient, subject, body, created_at FROM support_notification
                WHERE case_id = ? ORDER BY id""")) {
            Db.bind(ps, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(new SentNotification(rs.getLong("id"), rs.getLong("case_id"), rs.getString("order_number"),
                            rs.getString("customer_id"), rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
                            Db.instant(rs, "created_at")));
                }
            }
        }
        return list;
    }

    private static String kind(String kind, Set<String> allowed) {
        String k = kind == null ? null : kind.strip().toUpperCase(java.util.Locale.ROOT);
        if (k == null || !allowed.contains(k)) {
            throw new ValidationException("kind", "one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return k;
    }

    private static void entry(Connection c, long caseId, String kind, String by, String author, String body, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO support_case_entry (case_id, kind, author_kind, author, body, created_at) VALUES (?, ?, ?, ?, ?, ?)""")) {
            Db.bind(ps, caseId, kind, by, author, body, now);
            ps.executeUpdate();
        }
    }

    private Optional<ServiceCase> byOrder(Connection c, String number) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM support_case WHERE order_number = ?")) {
            Db.bind(ps, number);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static ServiceCase load(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM support_case WHERE id = ?")) {
            Db.bind(ps, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("no case " + id);
                }
                return row(rs);
            }
        }
    }

    private static ServiceCase row(ResultSet rs) throws SQLException {
        return new ServiceCase(rs.getLong("id"), rs.getString("origin"), rs.getString("order_number"), rs.getString("order_status"),
                rs.getString("customer_id"), rs.getString("email"), rs.getString("status"), rs.getString("agent"), rs.getInt("influence"),
                rs.getBoolean("flagged"), Db.instant(rs, "opened_at"), Db.instant(rs, "waiting_since"), Db.instant(rs, "first_response_at"),
                Db.longOrNull(rs, "first_response_seconds"), Db.instant(rs, "attention_since"), Db.instant(rs, "resolved_at"),
                Db.longOrNull(rs, "resolution_seconds"), Db.instant(rs, "closed_at"), Db.intOrNull(rs, "rating"),
                rs.getString("rating_comment"), rs.getInt("reopened"), Db.instant(rs, "updated_at"));
    }
}
