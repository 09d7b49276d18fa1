package dev.emporium.security.internal.accounts;

import dev.emporium.security.api.AdminAccount;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The SQL of admin accounts, their password history and their sessions, on the caller's connection. */
final class AccountStore {

    /** An account row as stored. */
    record Row(String username, List<String> roles, String passwordHash, Instant passwordChangedAt, boolean mustChange,
               boolean enabled, int failedSignIns, Instant lockedUntil, Instant createdAt, Instant lastSignInAt) {

        AdminAccount view(int maxAgeDays) {
            Instant expires = maxAgeDays <= 0 ? null : passwordChangedAt.plus(Duration.ofDays(maxAgeDays));
            return new AdminAccount(username, roles, enabled, lockedUntil, mustChange, passwordChangedAt, expires,
                    createdAt, lastSignInAt);
        }
    }

    private static final String COLUMNS = "username, roles, password_hash, password_changed_at, must_change_password, "
            + "enabled, failed_sign_ins, locked_until, created_at, last_sign_in_at";

    private AccountStore() {
    }

    /** An account's second factor: a secret (pending until confirmed), whether it is required, the last step used. */
    record SecondFactor(String secret, boolean enabled, Long lastStep) {
    }

    static SecondFactor secondFactor(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT totp_secret, totp_enabled, totp_last_step FROM security_admin WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new SecondFactor(null, false, null);
                }
                long last = rs.getLong(3);
                return new SecondFactor(rs.getString(1), rs.getBoolean(2), rs.wasNull() ? null : last);
            }
        }
    }

    static void setSecondFactor(Connection c, String username, String secret, boolean enabled, Long lastStep) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE security_admin SET totp_secret = ?, totp_enabled = ?, totp_last_step = ? WHERE username = ?")) {
            ps.setString(1, secret);
            ps.setBoolean(2, enabled);
            if (lastStep == null) {
                ps.setNull(3, Types.BIGINT);
            } else {
                ps.setLong(3, lastStep);
            }
            ps.setString(4, username);
            ps.executeUpdate();
        }
    }

    static void replaceRecoveryCodes(Connection c, String username, List<String> hashes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM security_recovery_code WHERE username = ?")) {
            ps.setString(1, username);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO security_recovery_code (username, code_hash) VALUES (?, ?)")) {
            for (String h : hashes) {
                ps.setString(1, username);
                ps.setString(2, h);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Marks an unused recovery code used; false when there is no such unused code. */
    static boolean useRecoveryCode(Connection c, String username, String hash, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE security_recovery_code SET used_at = ? WHERE username = ? AND code_hash = ? AND used_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, username);
            ps.setString(3, hash);
            return ps.executeUpdate() == 1;
        }
    }

    static long unusedRecoveryCodes(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM security_recovery_code WHERE username = ? AND used_at IS NULL")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static Optional<Row> find(Connection c, String username, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM security_admin WHERE username = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    static List<Row> all(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM security_admin ORDER BY username");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(row(rs));
            }
        }
        return rows;
    }

    static long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM security_admin"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void insert(Connection c, String username, List<String> roles, String hash, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO security_admin (username, roles, password_hash, password_changed_at, must_change_password,
                                            enabled, failed_sign_ins, created_at)
                VALUES (?, ?, ?, ?, TRUE, TRUE, 0, ?)""")) {
            ps.setString(1, username);
            ps.setString(2, String.join(",", roles));
            ps.setString(3, hash);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.executeUpdate();
        }
        remember(c, username, hash, now);
    }

    static void setPassword(Connection c, String username, String hash, boolean mustChange, Instant now) throws SQLException {
        update(c, "UPDATE security_admin SET password_hash = ?, password_changed_at = ?, must_change_password = ?, "
                + "failed_sign_ins = 0, locked_until = NULL WHERE username = ?", hash, Timestamp.from(now), mustChange, username);
        remember(c, username, hash, now);
        revokeSessions(c, username, now);
    }

    static void setFailures(Connection c, String username, int failures, Instant lockedUntil) throws SQLException {
        update(c, "UPDATE security_admin SET failed_sign_ins = ?, locked_until = ? WHERE username = ?",
                failures, lockedUntil == null ? null : Timestamp.from(lockedUntil), username);
    }

    static void setEnabled(Connection c, String username, boolean enabled) throws SQLException {
        update(c, "UPDATE security_admin SET enabled = ? WHERE username = ?", enabled, username);
    }

    static void signedIn(Connection c, String username, Instant now) throws SQLException {
        update(c, "UPDATE security_admin SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = ? WHERE username = ?",
                Timestamp.from(now), username);
    }

    /** The account's newest password hashes, newest first. */
    static List<String> recentHashes(Connection c, String username, int n) throws SQLException {
        List<String> hashes = new ArrayList<>();
        if (n <= 0) {
            return hashes;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM security_password_history WHERE username = ? "
                + "ORDER BY id DESC FETCH FIRST " + n + " ROWS ONLY")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hashes.add(rs.getString(1));
                }
            }
        }
        return hashes;
    }

    static void insertSession(Connection c, String tokenHash, String username, Instant now, Instant expires, String address)
            throws SQLException {
        update(c, "INSERT INTO security_session (token_hash, username, created_at, expires_at, address) VALUES (?, ?, ?, ?, ?)",
                tokenHash, username, Timestamp.from(now), Timestamp.from(expires), address);
    }

    static int revokeSession(Connection c, String tokenHash, Instant now) throws SQLException {
        return update(c, "UPDATE security_session SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
                Timestamp.from(now), tokenHash);
    }

    static int revokeSessions(Connection c, String username, Instant now) throws SQLException {
        return update(c, "UPDATE security_session SET revoked_at = ? WHERE username = ? AND revoked_at IS NULL",
                Timestamp.from(now), username);
    }

    /** A session with its account, by token hash. */
    record Session(String username, Instant expiresAt, Instant revokedAt, boolean enabled, List<String> roles) {
    }

    static Optional<Session> session(Connection c, String tokenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT s.username, s.expires_at, s.revoked_at, a.enabled, a.roles
                FROM security_session s JOIN security_admin a ON a.username = s.username WHERE s.token_hash = ?""")) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp revoked = rs.getTimestamp(3);
                return Optional.of(new Session(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        revoked == null ? null : revoked.toInstant(), rs.getBoolean(4), roles(rs.getString(5))));
            }
        }
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] == null) {
                    ps.setNull(i + 1, Types.TIMESTAMP);
                } else {
                    ps.setObject(i + 1, params[i]);
                }
            }
            return ps.executeUpdate();
        }
    }

    private static void remember(Connection c, String username, String hash, Instant now) throws SQLException {
        update(c, "INSERT INTO security_password_history (username, password_hash, set_at) VALUES (?, ?, ?)",
                username, hash, Timestamp.from(now));
    }

    private static Row row(ResultSet rs) throws SQLException {
        Timestamp locked = rs.getTimestamp(8);
        Timestamp last = rs.getTimestamp(10);
        return new Row(rs.getString(1), roles(rs.getString(2)), rs.getString(3), rs.getTimestamp(4).toInstant(),
                rs.getBoolean(5), rs.getBoolean(6), rs.getInt(7), locked == null ? null : locked.toInstant(),
                rs.getTimestamp(9).toInstant(), last == null ? null : last.toInstant());
    }

    private static List<String> roles(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.stream(text.split(",")).map(String::strip).toList();
    }
}
