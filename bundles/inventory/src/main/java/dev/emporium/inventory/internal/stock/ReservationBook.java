package dev.emporium.inventory.internal.stock;

import dev.emporium.platform.api.Transactions;
import dev.emporium.inventory.api.Reservation;
import dev.emporium.inventory.api.ReservationLine;
import dev.emporium.inventory.api.ReservationStatus;
import dev.emporium.inventory.api.ReservedLine;
import dev.emporium.inventory.api.StockReservations;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.GoneException;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.ValidationException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Reservations on a plain DataSource. Stock is only ever taken by a conditional update that checks availability on
 * the row it changes, so no interleaving of checkouts, on any number of nodes, can hold more than is available.
 */
public final class ReservationBook implements StockReservations {

    /** How many expired reservations one sweep releases at most, so a backlog never makes one long job. */
    static final int EXPIRY_BATCH = 100;
    /**
     * How often a line is planned again when concurrent checkouts took the stock its plan counted on. A plan only
     * fails because another checkout committed a take, so retrying makes progress; the cap only guards against a bug.
     */
    static final int PLAN_ATTEMPTS = 1_000;

    private final DataSource dataSource;
    private final StockEvents events;
    private final Clock clock;

    public ReservationBook(DataSource dataSource, Outbox outbox, Clock clock, LongSupplier lowStockThreshold) {
        this.dataSource = dataSource;
        this.events = new StockEvents(outbox, lowStockThreshold);
        this.clock = clock;
    }

    @Override
    public Reservation reserve(List<ReservationLine> lines, Instant expiresAt, String reference) {
        Requests.reservation(lines, reference);
        Instant now = clock.instant();
        if (expiresAt == null || !expiresAt.isAfter(now)) {
            throw new ValidationException("expiresAt", "must be in the future");
        }
        Optional<Reservation> earlier = byReference(reference);
        if (earlier.isPresent()) {
            return sameLinesOrConflict(earlier.get(), lines);
        }
        try {
            return Transactions.inTransaction(dataSource, c -> hold(c, lines, expiresAt, reference, now));
        } catch (IllegalStateException e) {
            // Two requests with one idempotency key: the loser's insert of the reference fails; answer with the winner's.
            if (e.getCause() instanceof SQLException s && Transactions.isUniqueViolation(s)) {
                Optional<Reservation> winner = byReference(reference);
                if (winner.isPresent()) {
                    return sameLinesOrConflict(winner.get(), lines);
                }
            }
            throw e;
        }
    }

    private Reservation hold(Connection c, List<ReservationLine> lines, Instant expiresAt, String reference, Instant now) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO inventory_reservation (reference, status, expires_at, created_at) VALUES (?, ?, ?, ?)", new String[] {"id"})) {
            ps.setString(1, reference);
            ps.setString(2, ReservationStatus.HELD.name());
            ps.setObject(3, StockQueries.timestamp(expiresAt));
            ps.setObject(4, StockQueries.timestamp(now));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        // Rows are always locked in SKU order, so two checkouts of the same SKUs never deadlock.
        List<ReservationLine> ordered = new ArrayList<>(lines);
        ordered.sort(Comparator.comparing(ReservationLine::sku));
        List<ReservedLine> held = new ArrayList<>();
        for (ReservationLine line : ordered) {
            List<ReservedLine> parts = takeLine(c, line, now);
            for (ReservedLine part : parts) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO inventory_reservation_line (reservation_id, line_no, sku, location, quantity) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setLong(1, id);
                    ps.setInt(2, held.size() + 1);
                    ps.setString(3, part.sku());
                    ps.setString(4, part.location());
                    ps.setLong(5, part.quantity());
                    ps.executeUpdate();
                }
                held.add(part);
            }
            events.publish(c, line.sku(), parts.stream()
                            .map(p -> new StockEvents.RowChange(p.location(), 0, p.quantity(), 0)).toList(),
                    "reservation", Map.of("reservationId", id));
        }
        return new Reservation(id, reference, ReservationStatus.HELD, expiresAt, now, held);
    }

    /**
     * Holds one line, preferring a single location (the first by priority that has the whole quantity), else splitting
     * it over the locations in priority order. The plan is made from a read, but every unit is taken by a conditional
     * update that re-checks availability on the row it changes; when a concurrent checkout got there first, the line
     * is rolled back to its savepoint and planned again.
     *
     * @return the parts of the line, one per location
     */
    private static List<ReservedLine> takeLine(Connection c, ReservationLine line, Instant now) throws SQLException {
        for (int attempt = 0; attempt < PLAN_ATTEMPTS; attempt++) {
            List<ReservedLine> plan = LinePlan.plan(line, availableByLocation(c, line.sku()));
            if (plan.isEmpty()) {
                break;
            }
            Savepoint sp = c.setSavepoint();
            boolean taken = true;
            for (ReservedLine part : plan) {
                if (!take(c, part, now)) {
                    taken = false;
                    break;
                }
            }
            if (taken) {
                c.releaseSavepoint(sp);
                return plan;
            }
            c.rollback(sp);
        }
        Boolean discontinued = StockBook.discontinued(c, line.sku());
        if (discontinued == null) {
            throw new NotFoundException("inventory has no stock record for SKU " + line.sku());
        }
        if (discontinued) {
            throw new GoneException(line.sku() + " is no longer sold (discontinued); it cannot be reserved or bought");
        }
        long available = StockQueries.stock(c, line.sku()).map(s -> s.available()).orElse(0L);
        throw new ConflictException("not enough stock of " + line.sku() + ": " + line.quantity() + " requested, "
                + available + " available");
    }

    /** Available to sell per location of a SKU, in priority order; discontinued rows have none. */
    private static List<LinePlan.Offer> availableByLocation(Connection c, String sku) throws SQLException {
        List<LinePlan.Offer> offers = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT s.location, s.on_hand, s.reserved, s.safety_stock, s.discontinued
                FROM inventory_stock s JOIN inventory_location l ON l.code = s.location
                WHERE s.sku = ? ORDER BY l.priority, s.location""")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long available = rs.getBoolean(5) ? 0 : Availability.of(rs.getLong(2), rs.getLong(3), rs.getLong(4));
                    offers.add(new LinePlan.Offer(rs.getString(1), available));
                }
            }
        }
        return offers;
    }

    /** The conditional update: takes the part only if the row still has it available and the SKU is still sold. */
    private static boolean take(Connection c, ReservedLine part, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE inventory_stock SET reserved = reserved + ?, updated_at = ?
                WHERE sku = ? AND location = ? AND discontinued = FALSE
                AND on_hand - reserved - safety_stock >= ?""")) {
            ps.setLong(1, part.quantity());
            ps.setObject(2, StockQueries.timestamp(now));
            ps.setString(3, part.sku());
            ps.setString(4, part.location());
            ps.setLong(5, part.quantity());
            return ps.executeUpdate() == 1;
        }
    }

    @Override
    public Reservation commit(long reservationId) {
        return Transactions.inTransaction(dataSource, c -> {
            Instant now = clock.instant();
            if (!close(c, reservationId, ReservationStatus.COMMITTED, now, true)) {
                Reservation r = load(c, reservationId).orElseThrow(() -> notFound(reservationId));
                return switch (r.status()) {
                    case COMMITTED -> r;
                    case HELD -> throw new ConflictException("reservation " + reservationId + " expired at " + r.expiresAt()
                            + "; reserve again");
                    case RELEASED, EXPIRED -> throw new ConflictException("reservation " + reservationId + " was "
                            + r.status().name().toLowerCase() + "; it cannot be committed");
                };
            }
            Reservation r = load(c, reservationId).orElseThrow();
            moveStock(c, r, -1, -1, now, "commit");
            return r;
        });
    }

    @Override
    public Reservation release(long reservationId) {
        return Transactions.inTransaction(dataSource, c -> {
            Instant now = clock.instant();
            if (!close(c, reservationId, ReservationStatus.RELEASED, now, false)) {
                Reservation r = load(c, reservationId).orElseThrow(() -> notFound(reservationId));
                if (r.status() == ReservationStatus.COMMITTED) {
                    throw new ConflictException("reservation " + reservationId + " was committed (paid); it cannot be released");
                }
                return r;
            }
            Reservation r = load(c, reservationId).orElseThrow();
            moveStock(c, r, 0, -1, now, "release");
            return r;
        });
    }

    @Override
    public int expire(Instant now) {
        int expired = 0;
        List<Long> due;
        do {
            due = Transactions.inTransaction(dataSource, c -> {
                List<Long> ids = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT id FROM inventory_reservation WHERE status = 'HELD' AND expires_at <= ?
                        ORDER BY expires_at, id FETCH FIRST %d ROWS ONLY""".formatted(EXPIRY_BATCH))) {
                    ps.setObject(1, StockQueries.timestamp(now));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                }
                return ids;
            });
            for (long id : due) {
                // Each in its own transaction; another node sweeping at once simply finds it no longer held.
                boolean mine = Transactions.inTransaction(dataSource, c -> {
                    if (!close(c, id, ReservationStatus.EXPIRED, clock.instant(), false)) {
                        return false;
                    }
                    moveStock(c, load(c, id).orElseThrow(), 0, -1, clock.instant(), "expiry");
                    return true;
                });
                if (mine) {
                    expired++;
                }
            }
        } while (due.size() == EXPIRY_BATCH);
        return expired;
    }

    @Override
    public Optional<Reservation> find(long reservationId) {
        return Transactions.inTransaction(dataSource, c -> load(c, reservationId));
    }

    /** Moves a held reservation to {@code status}; false when it is not held (or, for a commit, already expired). */
    private static boolean close(Connection c, long id, ReservationStatus status, Instant now, boolean onlyBeforeExpiry) throws SQLException {
        String sql = "UPDATE inventory_reservation SET status = ?, closed_at = ? WHERE id = ? AND status = 'HELD'"
                + (onlyBeforeExpiry ? " AND expires_at > ?" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, status.name());
            ps.setObject(2, StockQueries.timestamp(now));
            ps.setLong(3, id);
            if (onlyBeforeExpiry) {
                ps.setObject(4, StockQueries.timestamp(now));
            }
            return ps.executeUpdate() == 1;
        }
    }

    /** Applies {@code sign * quantity} to on hand and reserved for every line, then publishes the stock events. */
    private void moveStock(Connection c, Reservation r, int onHandSign, int reservedSign, Instant now, String cause) throws SQLException {
        List<ReservedLine> lines = new ArrayList<>(r.lines());
        lines.sort(Comparator.comparing(ReservedLine::sku));
        for (ReservedLine line : lines) {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE inventory_stock SET on_hand = on_hand + ?, reserved = reserved + ?, updated_at = ?
                    WHERE sku = ? AND location = ?""")) {
                ps.setLong(1, onHandSign * line.quantity());
                ps.setLong(2, reservedSign * line.quantity());
                ps.setObject(3, StockQueries.timestamp(now));
                ps.setString(4, line.sku());
                ps.setString(5, line.location());
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("no stock row for reserved " + line.sku() + " at " + line.location());
                }
            }
        }
        Map<String, List<StockEvents.RowChange>> changesBySku = new TreeMap<>();
        for (ReservedLine line : lines) {
            changesBySku.computeIfAbsent(line.sku(), k -> new ArrayList<>()).add(new StockEvents.RowChange(line.location(),
                    onHandSign * line.quantity(), reservedSign * line.quantity(), 0));
        }
        for (Map.Entry<String, List<StockEvents.RowChange>> e : changesBySku.entrySet()) {
            events.publish(c, e.getKey(), e.getValue(), cause, Map.of("reservationId", r.id()));
        }
    }

    private Optional<Reservation> byReference(String reference) {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM inventory_reservation WHERE reference = ?")) {
                ps.setString(1, reference);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? load(c, rs.getLong(1)) : Optional.empty();
                }
            }
        });
    }

    private static Reservation sameLinesOrConflict(Reservation earlier, List<ReservationLine> lines) {
        Map<String, Long> asked = new HashMap<>();
        lines.forEach(l -> asked.put(l.sku(), l.quantity()));
        Map<String, Long> held = new HashMap<>();
        earlier.lines().forEach(l -> held.merge(l.sku(), l.quantity(), Long::sum));
        if (!asked.equals(held)) {
            throw new ConflictException("the idempotency key " + earlier.reference()
                    + " was already used for reservation " + earlier.id() + " with other lines");
        }
        return earlier;
    }

    private static Optional<Reservation> load(Connection c, long id) throws SQLException {
        String reference;
        ReservationStatus status;
        Instant expiresAt;
        Instant createdAt;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT reference, status, expires_at, created_at FROM inventory_reservation WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                reference = rs.getString("reference");
                status = ReservationStatus.valueOf(rs.getString("status"));
                expiresAt = StockQueries.instant(rs, "expires_at");
                createdAt = StockQueries.instant(rs, "created_at");
            }
        }
        List<ReservedLine> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sku, location, quantity FROM inventory_reservation_line WHERE reservation_id = ? ORDER BY line_no")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new ReservedLine(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return Optional.of(new Reservation(id, reference, status, expiresAt, createdAt, lines));
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("no reservation " + id);
    }
}
