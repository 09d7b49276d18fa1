package dev.emporium.support.internal.chat;

import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Transactions;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.support.internal.Db;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Live chats on a plain DataSource: a visitor opens a conversation (its id, 24 random bytes, is the visitor's right to
 * it), it waits in the agents' queue until one takes it; messages go both ways and are all kept as the transcript.
 */
public final class ChatDesk {

    public static final String WAITING = "WAITING";
    public static final String ACTIVE = "ACTIVE";
    public static final String CLOSED = "CLOSED";
    public static final Set<String> STATUSES = Set.of(WAITING, ACTIVE, CLOSED);
    public static final int MAX_MESSAGE = 4000;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = """
            id, status, customer_id, visitor_name, topic, cart_id, agent, created_at, taken_at, first_response_at,
            first_response_seconds, closed_at, updated_at""";

    private final DataSource dataSource;
    private final Clock clock;
    private final ChatSignals signals;

    public ChatDesk(DataSource dataSource, Clock clock, ChatSignals signals) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.signals = signals;
    }

    public ChatSignals signals() {
        return signals;
    }

    /** Opens a conversation, with the visitor's first message when there is one. */
    public Conversation open(String customerId, String name, String topic, String cartId, String firstMessage) {
        String visitorName = Db.text("name", name, 100, false);
        String t = Db.text("topic", topic, 200, false);
        String cart = Db.text("cartId", cartId, 64, false);
        String message = Db.text("message", firstMessage, MAX_MESSAGE, false);
        String id = newId();
        Instant now = clock.instant();
        Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO support_conversation (id, status, customer_id, visitor_name, topic, cart_id, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                Db.bind(ps, id, WAITING, customerId, visitorName, t, cart, now, now);
                ps.executeUpdate();
            }
            if (message != null) {
                insertMessage(c, id, "VISITOR", null, message, now);
            }
            return null;
        });
        signals.signal();
        return get(id);
    }

    public Conversation get(String id) {
        return Transactions.inTransaction(dataSource, c -> load(c, id));
    }

    /** The visitor writes. */
    public ChatMessage visitorSays(String id, String body) {
        String text = Db.text("body", body, MAX_MESSAGE, true);
        ChatMessage m = Transactions.inTransaction(dataSource, c -> {
            Conversation conv = load(c, id);
            if (CLOSED.equals(conv.status())) {
                throw new ConflictException("this conversation is closed; open a new one");
            }
            Instant now = clock.instant();
            touch(c, id, now);
            return insertMessage(c, id, "VISITOR", null, text, now);
        });
        signals.signal();
        return m;
    }

    /** An agent writes; a conversation still waiting is taken by that agent, one taken by another is refused. */
    public ChatMessage agentSays(String id, String agent, String body) {
        String text = Db.text("body", body, MAX_MESSAGE, true);
        ChatMessage m = Transactions.inTransaction(dataSource, c -> {
            Conversation conv = take(c, load(c, id), agent);
            Instant now = clock.instant();
            if (conv.firstResponseAt() == null) {
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE support_conversation SET first_response_at = ?, first_response_seconds = ? WHERE id = ? AND first_response_at IS NULL""")) {
                    Db.bind(ps, now, Duration.between(conv.createdAt(), now).toSeconds(), id);
                    ps.executeUpdate();
                }
            }
            touch(c, id, now);
            return insertMessage(c, id, "AGENT", agent, text, now);
        });
        signals.signal();
        return m;
    }

    /** An agent takes a waiting conversation; taking one's own again changes nothing. */
    public Conversation take(String id, String agent) {
        return Transactions.inTransaction(dataSource, c -> take(c, load(c, id), agent));
    }

    /** Hands a conversation to another agent (a lead's assignment). */
    public Conversation assign(String id, String agent) {
        String a = Db.text("agent", agent, 100, true);
        return Transactions.inTransaction(dataSource, c -> {
            Conversation conv = load(c, id);
            if (CLOSED.equals(conv.status())) {
                throw new ConflictException("conversation " + id + " is closed");
            }
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE support_conversation SET status = ?, agent = ?, taken_at = COALESCE(taken_at, ?), updated_at = ? WHERE id = ?")) {
                Db.bind(ps, ACTIVE, a, now, now, id);
                ps.executeUpdate();
            }
            return load(c, id);
        });
    }

    private Conversation take(Connection c, Conversation conv, String agent) throws SQLException {
        if (CLOSED.equals(conv.status())) {
            throw new ConflictException("conversation " + conv.id() + " is closed");
        }
        if (ACTIVE.equals(conv.status())) {
            if (!conv.agent().equals(agent)) {
                throw new ConflictException("conversation " + conv.id() + " is taken by " + conv.agent());
            }
            return conv;
        }
        Instant now = clock.instant();
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE support_conversation SET status = ?, agent = ?, taken_at = ?, updated_at = ? WHERE id = ? AND status = ?")) {
            Db.bind(ps, ACTIVE, agent, now, now, conv.id(), WAITING);
            if (ps.executeUpdate() == 0) {
                throw new ConflictException("conversation " + conv.id() + " was just taken by another agent");
            }
        }
        return load(c, conv.id());
    }

    public Conversation close(String id) {
        Conversation closed = Transactions.inTransaction(dataSource, c -> {
            Conversation conv = load(c, id);
            if (!CLOSED.equals(conv.status())) {
                Instant now = clock.instant();
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE support_conversation SET status = ?, closed_at = ?, updated_at = ? WHERE id = ?")) {
                    Db.bind(ps, CLOSED, now, now, id);
                    ps.executeUpdate();
                }
            }
            return load(c, id);
        });
        signals.signal();
        return closed;
    }

    /** Messages after the one with id {@code after} (0: from the start), oldest first. */
    public List<ChatMessage> messages(String id, long after, int limit) {
        return Transactions.inTransaction(dataSource, c -> {
            load(c, id);
            List<ChatMessage> list = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, conversation_id, author_kind, author, body, created_at FROM support_chat_message
                    WHERE conversation_id = ? AND id > ? ORDER BY id FETCH FIRST %d ROWS ONLY""".formatted(Math.max(1, Math.min(limit, 500))))) {
                Db.bind(ps, id, after);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        list.add(new ChatMessage(rs.getLong("id"), rs.getString("conversation_id"), rs.getString("author_kind"),
                                rs.getString("author"), rs.getString("body"), Db.instant(rs, "created_at")));
                    }
                }
            }
            return list;
        });
    }

    /** A conversation with the first {@code limit} messages of its transcript, as one moment saw them. */
    public record Transcript(Conversation conversation, List<ChatMessage> messages) {
    }

    /**
     * The conversation and its transcript read by one statement, so the pair is one snapshot on H2 and PostgreSQL alike:
     * read by two statements, an erasure committed between them showed the visitor's name beside their erased words.
     */
    public Transcript transcript(String id, int limit) {
        if (id == null || id.isBlank() || id.length() > 64) {
            throw new NotFoundException("no conversation " + id);
        }
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.replaceAll("(\\w+)", "v.$1") + """
                    , m.id AS m_id, m.author_kind AS m_from, m.author AS m_author, m.body AS m_body, m.created_at AS m_at
                    FROM support_conversation v LEFT JOIN (SELECT id, conversation_id, author_kind, author, body, created_at
                    FROM support_chat_message WHERE conversation_id = ? ORDER BY id FETCH FIRST %d ROWS ONLY) m
                    ON m.conversation_id = v.id WHERE v.id = ? ORDER BY m.id""".formatted(Math.max(1, Math.min(limit, 500))))) {
                Db.bind(ps, id, id);
                try (ResultSet rs = ps.executeQuery()) {
                    Conversation conversation = null;
                    List<ChatMessage> messages = new ArrayList<>();
                    while (rs.next()) {
                        if (conversation == null) {
                            conversation = row(rs);
                        }
                        long messageId = rs.getLong("m_id");
                        if (!rs.wasNull()) {
                            messages.add(new ChatMessage(messageId, id, rs.getString("m_from"), rs.getString("m_author"),
                                    rs.getString("m_body"), Db.instant(rs, "m_at")));
                        }
                    }
                    if (conversation == null) {
                        throw new NotFoundException("no conversation " + id);
                    }
                    return new Transcript(conversation, messages);
                }
            }
        });
    }

    /** Conversations in a status, oldest first (the queue is WAITING). */
    public List<Conversation> list(String status, String agent, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new ValidationException("status", "one of " + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        return Transactions.inTransaction(dataSource, c -> {
            List<Conversation> list = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + """
                     FROM support_conversation WHERE (? IS NULL OR status = ?) AND (? IS NULL OR agent = ?)
                    ORDER BY created_at, id FETCH FIRST %d ROWS ONLY""".formatted(Math.max(1, Math.min(limit, 500))))) {
                Db.bind(ps, status, status, agent, agent);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        list.add(row(rs));
                    }
                }
            }
            return list;
        });
    }

    /** Erasure of a customer: names and their words go, the conversation and the agents' side stay for the statistics. */
    public static int anonymize(Connection c, String customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE support_chat_message SET body = ? WHERE author_kind = 'VISITOR'
                AND conversation_id IN (SELECT id FROM support_conversation WHERE customer_id = ?)""")) {
            Db.bind(ps, Db.ERASED, customerId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE support_conversation SET visitor_name = NULL, topic = NULL, cart_id = NULL WHERE customer_id = ?")) {
            Db.bind(ps, customerId);
            return ps.executeUpdate();
        }
    }

    private ChatMessage insertMessage(Connection c, String id, String from, String author, String body, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO support_chat_message (conversation_id, author_kind, author, body, created_at) VALUES (?, ?, ?, ?, ?)""",
                new String[] {"id"})) {
            Db.bind(ps, id, from, author, body, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new ChatMessage(keys.getLong(1), id, from, author, body, now);
            }
        }
    }

    private void touch(Connection c, String id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE support_conversation SET updated_at = ? WHERE id = ?")) {
            Db.bind(ps, now, id);
            ps.executeUpdate();
        }
    }

    private Conversation load(Connection c, String id) throws SQLException {
        if (id == null || id.isBlank() || id.length() > 64) {
            throw new NotFoundException("no conversation " + id);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM support_conversation WHERE id = ?")) {
            Db.bind(ps, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("no conversation " + id);
                }
                return row(rs);
            }
        }
    }

    private static Conversation row(ResultSet rs) throws SQLException {
        return new Conversation(rs.getString("id"), rs.getString("status"), rs.getString("customer_id"), rs.getString("visitor_name"),
                rs.getString("topic"), rs.getString("cart_id"), rs.getString("agent"), Db.instant(rs, "created_at"),
                Db.instant(rs, "taken_at"), Db.instant(rs, "first_response_at"), Db.longOrNull(rs, "first_response_seconds"),
                Db.instant(rs, "closed_at"), Db.instant(rs, "updated_at"));
    }

    private static String newId() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
