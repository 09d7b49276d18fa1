package dev.emporium.customers.internal.store;

import dev.emporium.customers.api.Address;
import dev.emporium.customers.api.CustomerEvents;
import dev.emporium.customers.api.CustomerProfile;
import dev.emporium.customers.api.ProfileInput;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.Page;
import dev.emporium.platform.api.PageRequest;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.platform.api.Transactions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Customer accounts and profiles: sign-up, profile updates, lookups and the admin search. */
public final class CustomerBook {

    private final DataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;
    private final Supplier<Settings> settings;

    public CustomerBook(DataSource dataSource, Outbox outbox, Clock clock, Supplier<Settings> settings) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Creates an account with a hashed password and publishes CUSTOMER_REGISTERED.
     *
     * @throws dev.emporium.platform.api.ValidationException naming the invalid fields
     * @throws ProblemException 409 naming {@code email} when an account already has that email (in any letter case)
     */
    public CustomerProfile register(ProfileInput input, String password) {
        ProfileInput p = ProfileRules.validate(input, LocalDate.now(clock));
        ProfileRules.password("password", password);
        // hashed before the transaction: 0.1 s or more of CPU must not hold a connection
        String hash = Passwords.hash(password, settings.get().passwordIterations());
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        return Transactions.inTransaction(dataSource, c -> {
            if (emailTaken(c, p.email(), null)) {
                throw duplicateEmail();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO customers_customer (id, status, email, email_key, password_hash, created_at, updated_at)
                    VALUES (?, 'ACTIVE', ?, ?, ?, ?, ?)""")) {
                ps.setString(1, id);
                ps.setString(2, p.email());
                ps.setString(3, ProfileRules.emailKey(p.email()));
                ps.setString(4, hash);
                Profiles.setInstant(ps, 5, now);
                Profiles.setInstant(ps, 6, now);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (Transactions.isUniqueViolation(e)) {
                    // a concurrent sign-up with the same email won the race: the whole transaction rolls back
                    throw duplicateEmail();
                }
                throw e;
            }
            write(c, id, p, now);
            outbox.publish(c, CustomerEvents.CUSTOMER_REGISTERED, Map.of("customerId", id));
            return Profiles.find(c, id).orElseThrow();
        });
    }

    /**
     * Replaces the profile of an active customer and publishes PROFILE_UPDATED.
     *
     * @throws NotFoundException when there is no such active customer
     */
    public CustomerProfile update(String id, ProfileInput input) {
        ProfileInput p = ProfileRules.validate(input, LocalDate.now(clock));
        Instant now = clock.instant();
        return Transactions.inTransaction(dataSource, c -> {
            Profiles.lockActive(c, id);
            if (emailTaken(c, p.email(), id)) {
                throw duplicateEmail();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE customers_customer SET email = ?, email_key = ? WHERE id = ?")) {
                ps.setString(1, p.email());
                ps.setString(2, ProfileRules.emailKey(p.email()));
                ps.setString(3, id);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (Transactions.isUniqueViolation(e)) {
                    throw duplicateEmail();
                }
                throw e;
            }
            write(c, id, p, now);
            outbox.publish(c, CustomerEvents.PROFILE_UPDATED, Map.of("customerId", id));
            return Profiles.find(c, id).orElseThrow();
        });
    }

    public Optional<CustomerProfile> find(String id) {
        return Transactions.inTransaction(dataSource, c -> Profiles.find(c, id));
    }

    /**
     * Customers whose email, given name or family name starts with {@code query} (any letter case), or all of them when
     * the query is blank; erased customers only when listing all. Ordered by id, paged by id.
     */
    public Page<CustomerProfile> search(String query, PageRequest page) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        String after = page.cursor() == null ? "" : page.cursor();
        String like = escapeLike(q) + "%";
        return Transactions.inTransaction(dataSource, c -> {
            List<CustomerProfile> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Profiles.COLUMNS + """
                     FROM customers_customer
                    WHERE id > ? AND (? = '' OR email_key LIKE ? ESCAPE '\\'
                          OR LOWER(given_name) LIKE ? ESCAPE '\\' OR LOWER(family_name) LIKE ? ESCAPE '\\')
                    ORDER BY id FETCH FIRST ? ROWS ONLY""")) {
                ps.setString(1, after);
                ps.setString(2, q);
                ps.setString(3, like);
                ps.setString(4, like);
                ps.setString(5, like);
                ps.setInt(6, page.limit() + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(Profiles.read(rs, List.of()));
                    }
                }
            }
            boolean more = found.size() > page.limit();
            List<CustomerProfile> items = new ArrayList<>();
            for (CustomerProfile p : found.subList(0, Math.min(found.size(), page.limit()))) {
                items.add(Profiles.find(c, p.id()).orElseThrow());
            }
            return new Page<>(items, more ? items.get(items.size() - 1).id() : null);
        });
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static void write(Connection c, String id, ProfileInput p, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE customers_customer SET given_name = ?, family_name = ?, place_of_origin = ?, birthday = ?, language = ?,
                       phone = ?, messaging_network = ?, messaging_handle = ?, updated_at = ?
                 WHERE id = ?""")) {
            ps.setString(1, p.givenName());
            ps.setString(2, p.familyName());
            ps.setString(3, p.placeOfOrigin());
            ps.setObject(4, p.birthday() == null ? null : java.sql.Date.valueOf(p.birthday()), java.sql.Types.DATE);
            ps.setString(5, p.language());
            ps.setString(6, p.phone());
            ps.setString(7, p.messaging() == null ? null : p.messaging().network());
            ps.setString(8, p.messaging() == null ? null : p.messaging().handle());
            Profiles.setInstant(ps, 9, now);
            ps.setString(10, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM customers_address WHERE customer_id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO customers_address (customer_id, position, label, recipient, line1, line2, postal_code, city, region, country)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            int position = 0;
            for (Address a : p.addresses()) {
                ps.setString(1, id);
                ps.setInt(2, position++);
                ps.setString(3, a.label());
                ps.setString(4, a.recipient());
                ps.setString(5, a.line1());
                ps.setString(6, a.line2());
                ps.setString(7, a.postalCode());
                ps.setString(8, a.city());
                ps.setString(9, a.region());
                ps.setString(10, a.country());
                ps.addBatch();
            }
            if (position > 0) {
                ps.executeBatch();
            }
        }
    }

    private static boolean emailTaken(Connection c, String email, String exceptId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM customers_customer WHERE email_key = ?")) {
            ps.setString(1, ProfileRules.emailKey(email));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && !rs.getString(1).equals(exceptId);
            }
        }
    }

    static ProblemException duplicateEmail() {
        return new ProblemException(409, "Conflict", "an account with this email already exists",
                List.of(new FieldError("email", "is already registered")), Map.of());
    }

    /** For tests and the console: the number of customers, erased ones included. */
    public long count() {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM customers_customer");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    static NotFoundException notFound(String id) {
        return new NotFoundException("no customer " + id);
    }
}
