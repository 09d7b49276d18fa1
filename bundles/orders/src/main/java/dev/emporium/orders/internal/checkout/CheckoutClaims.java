package dev.emporium.orders.internal.checkout;

import dev.emporium.orders.internal.Sql;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.Transactions;
import dev.emporium.platform.api.ValidationException;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The Idempotency-Keys of checkouts. A checkout first claims its key (one row, inserted once whatever the
 * concurrency); the answer it gives is stored with the key in the order's transaction and replayed to every retry.
 * A retry that arrives while the first is still running waits for its answer; a claim left by a crashed node is taken
 * over once stale, and converges because inventory reserves idempotently by the order number.
 */
public final class CheckoutClaims {

    static final String PENDING = "PENDING";
    static final String DONE = "DONE";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A claim: either this request runs the checkout ({@code answered} false), or the answer to replay. */
    public record Claim(String key, String orderNumber, boolean answered, int status, String title, String response) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration wait;
    private final Duration stale;

    public CheckoutClaims(DataSource dataSource, Clock clock, Duration wait, Duration stale) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.wait = wait;
        this.stale = stale;
    }

    /**
     * @throws ConflictException when the key was used for another cart, or its first checkout is still running after
     *                           the wait
     */
    public Claim claim(String key, String cartId) {
        if (key == null || key.isBlank()) {
            throw new ValidationException("Idempotency-Key", "the header is required on a checkout, so a retry never orders twice");
        }
        if (key.length() > 200) {
            throw new ValidationException("Idempotency-Key", "is at most 200 characters");
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            String number = newNumber();
            if (insert(key, cartId, number)) {
                return new Claim(key, number, false, 0, null, null);
            }
            Claim earlier = Transactions.inTransaction(dataSource, c -> read(c, key, cartId));
            if (earlier != null && earlier.answered()) {
                return earlier;
            }
            if (earlier != null && takeOverIfStale(key)) {
                return earlier;
            }
            if (System.nanoTime() > deadline) {
                throw new ConflictException("a checkout with this Idempotency-Key is still running; retry in a few seconds");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConflictException("a checkout with this Idempotency-Key is still running; retry in a few seconds");
            }
        }
    }

    private boolean insert(String key, String cartId, String number) {
        return Transactions.inTransaction(dataSource, c -> Transactions.insertIfAbsent(c, tx -> {
            try (PreparedStatement ps = tx.prepareStatement("""
                    INSERT INTO orders_checkout (idempotency_key, cart_id, order_number, state, claimed_at) VALUES (?, ?, ?, ?, ?)""")) {
                ps.setString(1, key);
                ps.setString(2, cartId);
                ps.setString(3, number);
                ps.setString(4, PENDING);
                ps.setObject(5, Sql.timestamp(clock.instant()));
                return ps.executeUpdate();
            }
        }));
    }

    /** The claim of the key, or null when it was just forgotten (its checkout was refused). */
    private Claim read(Connection c, String key, String cartId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT cart_id, order_number, state, status_code, problem_title, response FROM orders_checkout WHERE idempotency_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                if (!rs.getString(1).equals(cartId)) {
                    throw new ConflictException("this Idempotency-Key was used for another cart; use a new key for a new checkout");
                }
                return new Claim(key, rs.getString(2), DONE.equals(rs.getString(3)), rs.getInt(4), rs.getString(5), rs.getString(6));
            }
        }
    }

    private boolean takeOverIfStale(String key) {
        Instant now = clock.instant();
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE orders_checkout SET claimed_at = ? WHERE idempotency_key = ? AND state = ? AND claimed_at < ?")) {
                ps.setObject(1, Sql.timestamp(now));
                ps.setString(2, key);
                ps.setString(3, PENDING);
                ps.setObject(4, Sql.timestamp(now.minus(stale)));
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** The checkout was refused before it reserved or charged anything: the key may be used again. */
    public void forget(String key) {
        Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM orders_checkout WHERE idempotency_key = ? AND state = ?")) {
                ps.setString(1, key);
                ps.setString(2, PENDING);
                return ps.executeUpdate();
            }
        });
    }

    /** Stores the answer of the checkout, in the caller's transaction. */
    public void answer(Connection c, String key, int status, String title, String response) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE orders_checkout SET state = ?, status_code = ?, problem_title = ?, response = ?, done_at = ?
                WHERE idempotency_key = ? AND state = ?""")) {
            ps.setString(1, DONE);
            ps.setInt(2, status);
            ps.setString(3, title);
            ps.setString(4, response);
            ps.setObject(5, Sql.timestamp(clock.instant()));
            ps.setString(6, key);
            ps.setString(7, PENDING);
            if (ps.executeUpdate() != 1) {
                throw new ConflictException("this checkout was answered meanwhile; retry to read its answer");
            }
        }
    }

    /** Order numbers: EM- and ten characters without look-alikes (0/O, 1/I), about 50 bits. */
    static String newNumber() {
        StringBuilder b = new StringBuilder("EM-");
        for (int i = 0; i < 10; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
