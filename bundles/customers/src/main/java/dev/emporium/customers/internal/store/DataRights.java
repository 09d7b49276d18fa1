package dev.emporium.customers.internal.store;

import dev.emporium.customers.api.ConsentRecord;
import dev.emporium.customers.api.ConsentSource;
import dev.emporium.customers.api.ConsentState;
import dev.emporium.customers.api.ContactChannel;
import dev.emporium.customers.api.CustomerEvents;
import dev.emporium.customers.api.CustomerProfile;
import dev.emporium.customers.api.CustomerReach;
import dev.emporium.customers.api.BuyingHabits;
import dev.emporium.customers.api.CustomerStatus;
import dev.emporium.platform.api.GoneException;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.Transactions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer's data rights: everything this department holds on them as one document, and erasure of their personal
 * data. Erasure keeps the customer row as a tombstone (id, status, created and erased dates: what orders and invoices
 * point to) and the consent ledger (purpose, channel, time, source and the store's own text: the proof that past
 * contacts were allowed, with nothing left that identifies the person), and removes everything else.
 */
public final class DataRights {

    /** The explanation recorded when erasure withdraws the consents still granted. */
    static final String ERASURE_WITHDRAWAL = "Withdrawn because the customer's personal data was erased.";

    /** A session as the customer sees it in an export: never the token or its hash. */
    public record SessionRecord(Instant createdAt, Instant expiresAt, Instant revokedAt) {
    }

    /** A password reset as the customer sees it in an export. */
    public record ResetRecord(Instant createdAt, Instant expiresAt, Instant usedAt) {
    }

    /** Everything the customers department holds on a customer (the password hash aside, which is the store's secret). */
    public record CustomerExport(String department, Instant exportedAt, CustomerProfile profile, List<ConsentState> consents,
                                 List<ConsentRecord> consentHistory, List<SessionRecord> sessions,
                                 List<ResetRecord> passwordResets, CustomerReach reach,
                                 BuyingHabits habits, CompanyBook.Membership company) {
    }

    private final DataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;
    private final ConsentBook consents;

    public DataRights(DataSource dataSource, Outbox outbox, Clock clock, ConsentBook consents) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
        this.consents = consents;
    }

    /** @throws NotFoundException when there is no such customer */
    public CustomerExport export(String customerId) {
        Instant now = clock.instant();
        return Transactions.inTransaction(dataSource, c -> {
            CustomerProfile profile = Profiles.find(c, customerId).orElseThrow(() -> new NotFoundException("no customer " + customerId));
            List<SessionRecord> sessions = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT created_at, expires_at, revoked_at FROM customers_session WHERE customer_id = ? ORDER BY created_at")) {
                ps.setString(1, customerId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sessions.add(new SessionRecord(Profiles.instant(rs, 1), Profiles.instant(rs, 2), Profiles.instant(rs, 3)));
                    }
                }
            }
            List<ResetRecord> resets = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT created_at, expires_at, used_at FROM customers_password_reset WHERE customer_id = ? ORDER BY created_at")) {
                ps.setString(1, customerId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        resets.add(new ResetRecord(Profiles.instant(rs, 1), Profiles.instant(rs, 2), Profiles.instant(rs, 3)));
                    }
                }
            }
            return new CustomerExport(CustomerEvents.DEPARTMENT, now, profile, ConsentBook.current(c, customerId),
                    ConsentBook.history(c, customerId), sessions, resets, ReachBook.reach(c, customerId).orElse(null),
                    HabitsBook.habits(c, customerId).orElse(null), CompanyBook.membership(c, customerId).orElse(null));
        });
    }

    /**
     * Erases the customer's personal data, withdraws the consents still granted, ends every session and publishes
     * CUSTOMER_ERASED, all in one transaction.
     *
     * @throws NotFoundException when there is no such customer
     * @throws GoneException     when the customer was already erased
     */
    public Instant erase(String customerId, ConsentSource source) {
        Instant now = clock.instant();
        return Transactions.inTransaction(dataSource, c -> {
            if (Profiles.lock(c, customerId) == CustomerStatus.ERASED) {
                throw new GoneException("customer " + customerId + " was already erased");
            }
            withdrawAll(c, customerId, source, now);
            HabitsBook.erase(c, customerId);
            CompanyBook.erase(c, customerId);
            for (String table : List.of("customers_address", "customers_session", "customers_password_reset",
                    "customers_social_profile")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE customer_id = ?")) {
                    ps.setString(1, customerId);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE customers_customer
                       SET status = 'ERASED', email = NULL, email_key = NULL, given_name = NULL, family_name = NULL,
                           place_of_origin = NULL, birthday = NULL, language = NULL, phone = NULL, messaging_network = NULL,
                           messaging_handle = NULL, password_hash = NULL, updated_at = ?, erased_at = ?
                     WHERE id = ?""")) {
                Profiles.setInstant(ps, 1, now);
                Profiles.setInstant(ps, 2, now);
                ps.setString(3, customerId);
                ps.executeUpdate();
            }
            outbox.publish(c, CustomerEvents.CUSTOMER_ERASED, Map.of("customerId", customerId, "erasedAt", now.toString()));
            return now;
        });
    }

    private void withdrawAll(Connection c, String customerId, ConsentSource source, Instant now) throws SQLException {
        Map<String, List<ContactChannel>> granted = new LinkedHashMap<>();
        for (ConsentState s : ConsentBook.current(c, customerId)) {
            if (s.granted()) {
                granted.computeIfAbsent(s.purpose(), p -> new ArrayList<>()).add(s.channel());
            }
        }
        for (var e : granted.entrySet()) {
            consents.append(c, customerId, e.getKey(), e.getValue(), false, source, ERASURE_WITHDRAWAL, now);
        }
    }
}
