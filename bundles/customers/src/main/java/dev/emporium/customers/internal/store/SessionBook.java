package dev.emporium.customers.internal.store;

import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Transactions;
import dev.emporium.platform.api.UnauthorizedException;
import dev.emporium.platform.api.ValidationException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Signing customers in and out: password checks, session tokens (kept only as hashes) with an expiry, revocation, and
 * one-time password reset tokens.
 */
public final class SessionBook {

    /** What a customer gets when signing in: the token, shown once, and when it stops working. */
    public record Session(String customerId, String token, Instant expiresAt) {
    }

    /** A password reset token, shown once, and when it stops working. */
    public record ResetToken(String customerId, String token, Instant expiresAt) {
    }

    private static final String WRONG = "the email or the password is wrong";

    private final DataSource dataSource;
    private final Clock clock;
    private final Supplier<Settings> settings;

    public SessionBook(DataSource dataSource, Clock clock, Supplier<Settings> settings) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Checks the password and opens a session.
     *
     * @throws UnauthorizedException when the email is unknown or the password wrong (the same answer, in about the
     *                               same time, so that sign-in does not tell which emails have accounts)
     */
    public Session signIn(String email, String password) {
        if (email == null || email.isBlank()) {
            throw new ValidationException("email", "is required");
        }
        if (password == null || password.isEmpty()) {
            throw new ValidationException("password", "is required");
        }
        Settings s = settings.get();
        if (password.length() > ProfileRules.MAX_PASSWORD) {
            throw new UnauthorizedException(WRONG);
        }
        Optional<String[]> account = Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, password_hash FROM customers_customer WHERE email_key = ? AND status = 'ACTIVE'")) {
                ps.setString(1, ProfileRules.emailKey(email));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.<String[]>empty();
                }
            }
        });
        if (account.isEmpty()) {
            Passwords.burn(password, s.passwordIterations());
            throw new UnauthorizedException(WRONG);
        }
        String id = account.get()[0];
        String stored = account.get()[1];
        if (!Passwords.verify(password, stored)) {
            throw new UnauthorizedException(WRONG);
        }
        String upgraded = Passwords.needsRehash(stored, s.passwordIterations()) ? Passwords.hash(password, s.passwordIterations()) : null;
        return Transactions.inTransaction(dataSource, c -> {
            if (upgraded != null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE customers_customer SET password_hash = ? WHERE id = ? AND password_hash = ?")) {
                    ps.setString(1, upgraded);
                    ps.setString(2, id);
                    ps.setString(3, stored);
                    ps.executeUpdate();
                }
            }
            return open(c, id, s);
        });
    }

    /** Opens a session for a customer who just proved who they are (in the caller's transaction). */
    Session open(Connection c, String customerId, Settings s) throws SQLException {
        String token = Tokens.newToken(Tokens.SESSION_PREFIX);
        Instant now = clock.instant();
        Instant expires = now.plus(s.session());
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO customers_session (token_hash, customer_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, Tokens.hash(token));
            ps.setString(2, customerId);
            Profiles.setInstant(ps, 3, now);
            Profiles.setInstant(ps, 4, expires);
            ps.executeUpdate();
        }
        return new Session(customerId, token, expires);
    }

    /** Opens a session for a customer who has just signed up. */
    public Session open(String customerId) {
        return Transactions.inTransaction(dataSource, c -> open(c, customerId, settings.get()));
    }

    /**
     * The customer a session token belongs to.
     *
     * @return empty when {@code token} is not a customer session token at all (another authenticator's)
     * @throws UnauthorizedException when it is one, but unknown, expired or revoked
     */
    public Optional<String> customerOf(String token) {
        if (token == null || !token.startsWith(Tokens.SESSION_PREFIX)) {
            return Optional.empty();
        }
        if (!Tokens.wellFormed(Tokens.SESSION_PREFIX, token)) {
            throw new UnauthorizedException("this customer token is not valid");
        }
        Instant now = clock.instant();
        String[] row = Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT s.customer_id, s.expires_at, s.revoked_at, c.status
                      FROM customers_session s JOIN customers_customer c ON c.id = s.customer_id
                     WHERE s.token_hash = ?""")) {
                ps.setString(1, Tokens.hash(token));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    Instant expires = Profiles.instant(rs, 2);
                    Instant revoked = Profiles.instant(rs, 3);
                    String state = revoked != null ? "revoked" : !expires.isAfter(now) ? "expired"
                            : "ACTIVE".equals(rs.getString(4)) ? "ok" : "revoked";
                    return new String[] {rs.getString(1), state};
                }
            }
        });
        if (row == null) {
            throw new UnauthorizedException("this customer token is not valid");
        }
        return switch (row[1]) {
            case "ok" -> Optional.of(row[0]);
            case "expired" -> throw new UnauthorizedException("this customer session has expired; sign in again");
            default -> throw new UnauthorizedException("this customer session was signed out; sign in again");
        };
    }

    /** Revokes the session of {@code token}; a token already revoked or unknown is left as it is. */
    public void signOut(String token) {
        if (!Tokens.wellFormed(Tokens.SESSION_PREFIX, token)) {
            return;
        }
        Instant now = clock.instant();
        Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE customers_session SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")) {
                Profiles.setInstant(ps, 1, now);
                ps.setString(2, Tokens.hash(token));
                return ps.executeUpdate();
            }
        });
    }

    /** Revokes every session of a customer (in the caller's transaction). */
    static int revokeAll(Connection c, String customerId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE customers_session SET revoked_at = ? WHERE customer_id = ? AND revoked_at IS NULL")) {
            Profiles.setInstant(ps, 1, now);
            ps.setString(2, customerId);
            return ps.executeUpdate();
        }
    }

    /** The active customer with this email, if any (for a storefront's reset request, which never says). */
    public Optional<String> activeCustomerWithEmail(String email) {
        if (email == null || email.isBlank()) {
            throw new ValidationException("email", "is required");
        }
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM customers_customer WHERE email_key = ? AND status = 'ACTIVE'")) {
                ps.setString(1, ProfileRules.emailKey(email));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /**
     * Issues a one-time password reset token; earlier unused ones of the customer stop working.
     *
     * @throws NotFoundException when there is no such active customer
     */
    public ResetToken issueReset(String customerId) {
        String token = Tokens.newToken(Tokens.RESET_PREFIX);
        Instant now = clock.instant();
        Instant expires = now.plus(settings.get().resetToken());
        return Transactions.inTransaction(dataSource, c -> {
            Profiles.lockActive(c, customerId);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE customers_password_reset SET used_at = ? WHERE customer_id = ? AND used_at IS NULL")) {
                Profiles.setInstant(ps, 1, now);
                ps.setString(2, customerId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO customers_password_reset (token_hash, customer_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, Tokens.hash(token));
                ps.setString(2, customerId);
                Profiles.setInstant(ps, 3, now);
                Profiles.setInstant(ps, 4, expires);
                ps.executeUpdate();
            }
            return new ResetToken(customerId, token, expires);
        });
    }

    /**
     * Sets a new password with a reset token, uses the token up and signs the customer out everywhere.
     *
     * @throws ValidationException naming {@code token} when it is unknown, used or expired, or {@code password}
     */
    public String resetPassword(String token, String newPassword) {
        if (!Tokens.wellFormed(Tokens.RESET_PREFIX, token)) {
            throw new ValidationException("token", "is not a valid password reset token");
        }
        ProfileRules.password("password", newPassword);
        String hash = Passwords.hash(newPassword, settings.get().passwordIterations());
        Instant now = clock.instant();
        return Transactions.inTransaction(dataSource, c -> {
            String customerId;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT customer_id, expires_at, used_at FROM customers_password_reset WHERE token_hash = ? FOR UPDATE""")) {
                ps.setString(1, Tokens.hash(token));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || Profiles.instant(rs, 3) != null || !Profiles.instant(rs, 2).isAfter(now)) {
                        throw new ValidationException("token", "is unknown, used or expired; ask for a new one");
                    }
                    customerId = rs.getString(1);
                }
            }
            Profiles.lockActive(c, customerId);
            try (PreparedStatement ps = c.prepareStatement("UPDATE customers_password_reset SET used_at = ? WHERE token_hash = ?")) {
                Profiles.setInstant(ps, 1, now);
                ps.setString(2, Tokens.hash(token));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE customers_customer SET password_hash = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, hash);
                Profiles.setInstant(ps, 2, now);
                ps.setString(3, customerId);
                ps.executeUpdate();
            }
            revokeAll(c, customerId, now);
            return customerId;
        });
    }
}
