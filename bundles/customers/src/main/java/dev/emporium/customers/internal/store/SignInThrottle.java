package dev.emporium.customers.internal.store;

import dev.emporium.platform.api.ProblemException;
import dev.emporium.platform.api.Transactions;
import dev.emporium.platform.api.UnauthorizedException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Slows password guessing: past {@code maxFailuresPerAddress} failed sign-ins from one source address within the window,
 * that address gets 429; past {@code maxFailuresPerAccount} for one email (known or not, so the answer tells nothing
 * about which emails have accounts), that email gets 423, both with Retry-After until the oldest failure leaves the
 * window. Failures live in the database, so every node of a cluster counts them together. A successful sign-in clears
 * the account's failures.
 */
public final class SignInThrottle {

    static final String ADDRESS = "address";
    static final String ACCOUNT = "account";

    private final DataSource dataSource;
    private final Clock clock;
    private final Supplier<Settings> settings;

    public SignInThrottle(DataSource dataSource, Clock clock, Supplier<Settings> settings) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Runs a sign-in under the throttle: refused at once when throttled, counted when its password is wrong, forgiven
     * when it succeeds.
     */
    public <T> T guard(String email, String address, Supplier<T> signIn) {
        if (email == null || email.isBlank()) {
            return signIn.get();
        }
        check(email, address);
        T signedIn;
        try {
            signedIn = signIn.get();
        } catch (UnauthorizedException e) {
            failed(email, address);
            throw e;
        }
        succeeded(email);
        return signedIn;
    }

    /** @throws ProblemException 429 for a throttled address, 423 for a throttled account */
    public void check(String email, String address) {
        Settings s = settings.get();
        Instant now = clock.instant();
        Instant since = now.minus(s.signInWindow());
        Transactions.inTransaction(dataSource, c -> {
            if (address != null) {
                Instant oldest = oldestIfOver(c, ADDRESS, address, since, s.maxFailuresPerAddress());
                if (oldest != null) {
                    long retry = retryAfter(oldest, s.signInWindow(), now);
                    throw new ProblemException(429, "Too many sign-in attempts", "too many failed sign-ins from your address; "
                            + "try again in " + retry + " seconds", List.of(), Map.of("Retry-After", String.valueOf(retry)));
                }
            }
            Instant oldest = oldestIfOver(c, ACCOUNT, subject(email), since, s.maxFailuresPerAccount());
            if (oldest != null) {
                long retry = retryAfter(oldest, s.signInWindow(), now);
                throw new ProblemException(423, "Account locked", "too many failed sign-ins for this account; try again in "
                        + retry + " seconds or reset the password", List.of(), Map.of("Retry-After", String.valueOf(retry)));
            }
            return null;
        });
    }

    /** Counts a failed sign-in against the address and the email, and forgets failures older than the window. */
    public void failed(String email, String address) {
        Instant now = clock.instant();
        Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM customers_sign_in_failure WHERE failed_at < ?")) {
                Profiles.setInstant(ps, 1, now.minus(settings.get().signInWindow()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO customers_sign_in_failure (scope, subject, failed_at) VALUES (?, ?, ?)")) {
                if (address != null) {
                    ps.setString(1, ADDRESS);
                    ps.setString(2, address);
                    Profiles.setInstant(ps, 3, now);
                    ps.executeUpdate();
                }
                ps.setString(1, ACCOUNT);
                ps.setString(2, subject(email));
                Profiles.setInstant(ps, 3, now);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** A successful sign-in: the account's failures are forgiven (the address's stay). */
    public void succeeded(String email) {
        Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM customers_sign_in_failure WHERE scope = ? AND subject = ?")) {
                ps.setString(1, ACCOUNT);
                ps.setString(2, subject(email));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The email as counted: the SHA-256 of its key, so the table holds no email. */
    static String subject(String email) {
        return Tokens.hash(ProfileRules.emailKey(email));
    }

    private static Instant oldestIfOver(Connection c, String scope, String subject, Instant since, int max) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT COUNT(*), MIN(failed_at) FROM customers_sign_in_failure WHERE scope = ? AND subject = ? AND failed_at >= ?""")) {
            ps.setString(1, scope);
            ps.setString(2, subject);
            Profiles.setInstant(ps, 3, since);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) >= max ? Profiles.instant(rs, 2) : null;
            }
        }
    }

    private static long retryAfter(Instant oldest, Duration window, Instant now) {
        return Math.max(1, Duration.between(now, oldest.plus(window)).toSeconds() + 1);
    }
}
