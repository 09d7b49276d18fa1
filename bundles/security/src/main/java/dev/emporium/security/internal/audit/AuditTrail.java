package dev.emporium.security.internal.audit;

import dev.emporium.platform.api.Page;
import dev.emporium.platform.api.PageRequest;
import dev.emporium.platform.api.Transactions;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.security.api.AuditEntry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The append-only security audit trail ({@code security_audit}). */
public final class AuditTrail {

    public static final String SUCCESS = "SUCCESS";
    /** Wrong or unusable credentials: what the per-address throttle counts. */
    public static final String DENIED = "DENIED";
    /** Refused by a rule (password policy, address list, password change required). */
    public static final String REFUSED = "REFUSED";
    public static final String THROTTLED = "THROTTLED";
    /** The store could not do what was asked (a backup that could not be written). */
    public static final String FAILED = "FAILED";

    private static final int MAX_TEXT = 200;

    /** The number of denied attempts from an address since a moment, and the oldest of them. */
    public record Denials(long count, Instant oldest) {
    }

    private final DataSource dataSource;

    public AuditTrail(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Appends a row inside the caller's transaction. */
    public static void append(Connection c, Instant at, String actor, String action, String subject, String address,
                              String outcome, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO security_audit (at, actor, action, subject, address, outcome, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, clip(actor == null || actor.isBlank() ? "anonymous" : actor));
            ps.setString(3, action);
            ps.setString(4, clip(subject));
            ps.setString(5, clip(address == null ? "unknown" : address));
            ps.setString(6, outcome);
            ps.setString(7, clip(detail));
            ps.executeUpdate();
        }
    }

    /** Appends a row in a transaction of its own. */
    public void record(Instant at, String actor, String action, String subject, String address, String outcome, String detail) {
        Transactions.inTransaction(dataSource, c -> {
            append(c, at, actor, action, subject, address, outcome, detail);
            return null;
        });
    }

    public Denials deniedSince(String address, Instant since) {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT COUNT(*), MIN(at) FROM security_audit WHERE address = ? AND outcome = ? AND at > ?""")) {
                ps.setString(1, clip(address == null ? "unknown" : address));
                ps.setString(2, DENIED);
                ps.setTimestamp(3, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Timestamp oldest = rs.getTimestamp(2);
                    return new Denials(rs.getLong(1), oldest == null ? null : oldest.toInstant());
                }
            }
        });
    }

    /**
     * Newest first; the cursor is the id the next page starts under.
     *
     * @param account null for every row, else rows whose actor or subject is that account
     */
    public Page<AuditEntry> page(PageRequest request, String account) {
        long before = Long.MAX_VALUE;
        if (request.cursor() != null) {
            try {
                before = Long.parseLong(request.cursor());
            } catch (NumberFormatException e) {
                throw new ValidationException("cursor", "must be a cursor returned by a previous page");
            }
        }
        long under = before;
        return Transactions.inTransaction(dataSource, c -> {
            String sql = "SELECT id, at, actor, action, subject, address, outcome, detail FROM security_audit WHERE id < ?"
                    + (account == null ? "" : " AND (actor = ? OR subject = ?)")
                    + " ORDER BY id DESC FETCH FIRST " + (request.limit() + 1) + " ROWS ONLY";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, under);
                if (account != null) {
                    ps.setString(2, account);
                    ps.setString(3, account);
                }
                List<AuditEntry> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                    }
                }
                if (rows.size() > request.limit()) {
                    List<AuditEntry> items = rows.subList(0, request.limit());
                    return new Page<>(items, String.valueOf(items.get(items.size() - 1).id()));
                }
                return new Page<>(rows, null);
            }
        });
    }

    private static String clip(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }
}
