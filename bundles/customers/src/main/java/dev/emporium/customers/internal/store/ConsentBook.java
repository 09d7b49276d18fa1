package dev.emporium.customers.internal.store;

import dev.emporium.customers.api.ConsentChange;
import dev.emporium.customers.api.ConsentLedger;
import dev.emporium.customers.api.ConsentRecord;
import dev.emporium.customers.api.ConsentSource;
import dev.emporium.customers.api.ConsentState;
import dev.emporium.customers.api.ContactChannel;
import dev.emporium.customers.api.CustomerEvents;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.Transactions;
import dev.emporium.platform.api.ValidationException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The consent ledger on the database: each decision appends one entry per channel and replaces the decision in force
 * in the same transaction, so that a withdrawal is what {@link #mayContact} answers from the moment it commits.
 */
public final class ConsentBook implements ConsentLedger {

    static final int MAX_EXPLANATION = 4000;

    private final DataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;
    private final Supplier<Settings> settings;

    public ConsentBook(DataSource dataSource, Outbox outbox, Clock clock, Supplier<Settings> settings) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public boolean mayContact(String customerId, String purpose, ContactChannel channel) {
        if (customerId == null || purpose == null || channel == null || !purposes().contains(purpose)) {
            return false;
        }
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT k.granted FROM customers_consent k JOIN customers_customer c ON c.id = k.customer_id
                     WHERE k.customer_id = ? AND k.purpose = ? AND k.channel = ? AND c.status = 'ACTIVE'""")) {
                ps.setString(1, customerId);
                ps.setString(2, purpose);
                ps.setString(3, channel.name());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
    }

    @Override
    public List<ConsentRecord> record(ConsentChange change) {
        List<ContactChannel> channels = validate(change);
        Instant now = clock.instant();
        return Transactions.inTransaction(dataSource, c -> {
            Profiles.lockActive(c, change.customerId());
            return append(c, change.customerId(), change.purpose(), channels, change.granted(), change.source(),
                    change.explanation().strip(), now);
        });
    }

    /** Checks a change against the rules and the configured purposes; returns the channels it covers. */
    List<ContactChannel> validate(ConsentChange change) {
        List<FieldError> errors = new ArrayList<>();
        List<String> purposes = purposes();
        if (change.purpose() == null || change.purpose().isBlank()) {
            errors.add(new FieldError("purpose", "is required"));
        } else if (!purposes.contains(change.purpose())) {
            errors.add(new FieldError("purpose", "unknown purpose; known purposes: " + String.join(", ", purposes)));
        }
        if (change.granted() == null) {
            errors.add(new FieldError("granted", "is required: true to grant, false to withdraw"));
        }
        if (change.source() == null) {
            errors.add(new FieldError("source", "is required"));
        }
        if (change.explanation() == null || change.explanation().isBlank()) {
            errors.add(new FieldError("explanation", "is required: the exact text the customer was shown"));
        } else if (change.explanation().length() > MAX_EXPLANATION) {
            errors.add(new FieldError("explanation", "must be at most " + MAX_EXPLANATION + " characters"));
        }
        if (change.channels().stream().anyMatch(java.util.Objects::isNull)) {
            errors.add(new FieldError("channels", "must be EMAIL, PHONE or MESSAGING"));
        }
        if (change.customerId() == null || change.customerId().isBlank()) {
            errors.add(new FieldError("customerId", "is required"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return change.channels().isEmpty() ? List.of(ContactChannel.values()) : List.copyOf(new LinkedHashSet<>(change.channels()));
    }

    /** Appends decisions in the caller's transaction, which holds the customer's row lock. */
    List<ConsentRecord> append(Connection c, String customerId, String purpose, List<ContactChannel> channels, boolean granted,
                               ConsentSource source, String explanation, Instant now) throws SQLException {
        List<ConsentRecord> written = new ArrayList<>();
        for (ContactChannel channel : channels) {
            long id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO customers_consent_event (customer_id, purpose, channel, granted, source, explanation, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"})) {
                ps.setString(1, customerId);
                ps.setString(2, purpose);
                ps.setString(3, channel.name());
                ps.setBoolean(4, granted);
                ps.setString(5, source.name());
                ps.setString(6, explanation);
                Profiles.setInstant(ps, 7, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            int updated;
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE customers_consent SET granted = ?, since = ?, event_id = ?
                     WHERE customer_id = ? AND purpose = ? AND channel = ?""")) {
                ps.setBoolean(1, granted);
                Profiles.setInstant(ps, 2, now);
                ps.setLong(3, id);
                ps.setString(4, customerId);
                ps.setString(5, purpose);
                ps.setString(6, channel.name());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                // no race: the customer's row lock is held
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO customers_consent (customer_id, purpose, channel, granted, since, event_id)
                        VALUES (?, ?, ?, ?, ?, ?)""")) {
                    ps.setString(1, customerId);
                    ps.setString(2, purpose);
                    ps.setString(3, channel.name());
                    ps.setBoolean(4, granted);
                    Profiles.setInstant(ps, 5, now);
                    ps.setLong(6, id);
                    ps.executeUpdate();
                }
            }
            written.add(new ConsentRecord(id, purpose, channel, granted, source, explanation, now));
        }
        outbox.publish(c, CustomerEvents.CONSENT_CHANGED, Map.of("customerId", customerId, "purpose", purpose,
                "channels", channels.stream().map(Enum::name).collect(Collectors.joining(",")), "granted", granted,
                "source", source.name()));
        return written;
    }

    @Override
    public List<ConsentState> current(String customerId) {
        return Transactions.inTransaction(dataSource, c -> current(c, customerId));
    }

    static List<ConsentState> current(Connection c, String customerId) throws SQLException {
        List<ConsentState> states = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT purpose, channel, granted, since FROM customers_consent WHERE customer_id = ? ORDER BY purpose, channel")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.add(new ConsentState(rs.getString(1), ContactChannel.valueOf(rs.getString(2)), rs.getBoolean(3),
                            Profiles.instant(rs, 4)));
                }
            }
        }
        return states;
    }

    @Override
    public List<ConsentRecord> history(String customerId) {
        return Transactions.inTransaction(dataSource, c -> history(c, customerId));
    }

    static List<ConsentRecord> history(Connection c, String customerId) throws SQLException {
        List<ConsentRecord> records = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, purpose, channel, granted, source, explanation, recorded_at
                  FROM customers_consent_event WHERE customer_id = ? ORDER BY id""")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    records.add(new ConsentRecord(rs.getLong(1), rs.getString(2), ContactChannel.valueOf(rs.getString(3)),
                            rs.getBoolean(4), ConsentSource.valueOf(rs.getString(5)), rs.getString(6), Profiles.instant(rs, 7)));
                }
            }
        }
        return records;
    }

    @Override
    public List<String> purposes() {
        return settings.get().purposes();
    }

    static List<ContactChannel> allChannels() {
        return Arrays.asList(ContactChannel.values());
    }
}
