package dev.emporium.platform.internal.storage;

import dev.emporium.platform.api.MigrationFailedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a department's pending migrations once each, in version order, under a per-department lease lock stored in
 * the database.
 *
 * <p>The lock is a row with an owner and an expiry rather than a transaction's row lock because H2 commits on every
 * DDL statement, which would drop such a lock in the middle of a migration. The lease is renewed before each
 * migration, so {@code lockLease} must exceed the longest single migration. On H2 a DDL statement also commits the
 * migration's earlier statements, so a migration that fails after DDL is only fully rolled back on PostgreSQL; when
 * H2 runs such a migration again, a statement that fails because what it creates already exists is skipped (the
 * earlier run applied it), so a migration cut off midway resumes instead of failing for ever.
 */
public final class MigrationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);
    private static final Pattern DEPARTMENT = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final int MAX_OWNER = 200;
    private static final int TABLE_CHECKS = 20;

    private static final String CREATE_VERSION_TABLE = """
            CREATE TABLE IF NOT EXISTS platform_schema_version (
                department VARCHAR(64) NOT NULL,
                version INT NOT NULL,
                description VARCHAR(200) NOT NULL,
                checksum VARCHAR(64) NOT NULL,
                applied_at TIMESTAMP WITH TIME ZONE NOT NULL,
                PRIMARY KEY (department, version)
            )""";
    private static final String CREATE_LOCK_TABLE = """
            CREATE TABLE IF NOT EXISTS platform_schema_lock (
                department VARCHAR(64) PRIMARY KEY,
                owner VARCHAR(200),
                expires_at TIMESTAMP WITH TIME ZONE
            )""";

    private final DataSource dataSource;
    private final String owner;
    private final Duration lockLease;
    private final Duration lockWait;

    /**
     * @param owner     who is migrating (node and bundle, say), shown to runners waiting for the lock
     * @param lockLease how long a lock stays valid without renewal; a crashed owner's lock is taken over after it
     * @param lockWait  how long {@link #migrate} waits for another owner's lock before failing
     */
    public MigrationRunner(DataSource dataSource, String owner, Duration lockLease, Duration lockWait) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(owner, "owner");
        this.lockLease = Objects.requireNonNull(lockLease, "lockLease");
        this.lockWait = Objects.requireNonNull(lockWait, "lockWait");
        if (owner.isBlank()) {
            throw new IllegalArgumentException("owner must not be blank");
        }
        if (lockLease.isNegative() || lockLease.isZero() || lockWait.isNegative()) {
            throw new IllegalArgumentException("lockLease must be positive and lockWait not negative");
        }
        this.owner = owner;
    }

    /**
     * Applies the migrations of {@code migrations} that the department has not applied yet, each in its own
     * transaction. Applied versions missing from the list are left alone, so an older bundle runs on a newer schema.
     *
     * @return the department's highest applied version afterwards, 0 when none
     * @throws MigrationFailedException when a migration fails (it is rolled back and later ones are not tried), when
     *                                  the lock stays held by another owner for {@code lockWait}, or when the
     *                                  bookkeeping tables cannot be used
     * @throws IllegalArgumentException for a malformed department name or duplicate versions
     */
    public int migrate(String department, List<Migration> migrations) {
        Objects.requireNonNull(department, "department");
        if (!DEPARTMENT.matcher(department).matches()) {
            throw new IllegalArgumentException("not a department name: " + department);
        }
        List<Migration> ordered = inVersionOrder(migrations);
        try {
            createTables();
            String lockToken = acquireLock(department);
            try {
                applyPending(department, ordered, lockToken);
            } finally {
                releaseLock(department, lockToken);
            }
            return currentVersion(department);
        } catch (SQLException e) {
            throw new MigrationFailedException(department + " migrations could not run: " + e.getMessage(), e);
        }
    }

    private static List<Migration> inVersionOrder(List<Migration> migrations) {
        Set<Integer> seen = new HashSet<>();
        for (Migration m : migrations) {
            if (!seen.add(m.version())) {
                throw new IllegalArgumentException("migration version " + m.version() + " appears twice");
            }
        }
        List<Migration> ordered = new ArrayList<>(migrations);
        ordered.sort(Comparator.comparingInt(Migration::version));
        return ordered;
    }

    private void createTables() throws SQLException {
        createTable(CREATE_VERSION_TABLE, "platform_schema_version");
        createTable(CREATE_LOCK_TABLE, "platform_schema_lock");
    }

    /**
     * Two nodes creating the same table at once can fail even with IF NOT EXISTS (PostgreSQL reports a unique
     * violation on its catalog, H2 a lock timeout), so a failure counts as success once the table is there.
     */
    private void createTable(String ddl, String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute(ddl);
        } catch (SQLException e) {
            for (int i = 0; i < TABLE_CHECKS; i++) {
                if (tableExists(table)) {
                    return;
                }
                pause();
            }
            throw e;
        }
    }

    private boolean tableExists(String table) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            // Querying beats DatabaseMetaData here: H2 and PostgreSQL fold unquoted names to different cases.
            s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** @return a token naming this acquisition, so releasing never frees a lock someone else has since taken */
    private String acquireLock(String department) throws SQLException {
        ensureLockRow(department);
        String token = lockToken();
        long deadline = System.nanoTime() + lockWait.toNanos();
        while (true) {
            if (tryLock(department, token)) {
                return token;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new MigrationFailedException(department + " migrations are locked by " + holder(department)
                        + "; gave up after " + lockWait, null);
            }
            pause();
        }
    }

    private String lockToken() {
        String suffix = " #" + UUID.randomUUID().toString().substring(0, 8);
        String name = owner.length() + suffix.length() > MAX_OWNER
                ? owner.substring(0, MAX_OWNER - suffix.length()) : owner;
        return name + suffix;
    }

    private void ensureLockRow(String department) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            if (lockRowExists(c, department)) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO platform_schema_lock (department, owner, expires_at)
                    VALUES (?, NULL, NULL)""")) {
                ps.setString(1, department);
                ps.executeUpdate();
            } catch (SQLException e) {
                // Another runner inserted the row between our check and our insert.
                if (!lockRowExists(c, department)) {
                    throw e;
                }
            }
        }
    }

    private static boolean lockRowExists(Connection c, String department) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM platform_schema_lock WHERE department = ?")) {
            ps.setString(1, department);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private boolean tryLock(String department, String token) throws SQLException {
        OffsetDateTime now = now();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     UPDATE platform_schema_lock SET owner = ?, expires_at = ?
                     WHERE department = ? AND (owner IS NULL OR expires_at < ?)""")) {
            c.setAutoCommit(true);
            ps.setString(1, token);
            ps.setObject(2, now.plus(lockLease));
            ps.setString(3, department);
            ps.setObject(4, now);
            return ps.executeUpdate() == 1;
        }
    }

    /** Extends the lease before each migration and notices when an expired lease was taken over meanwhile. */
    private void renewLock(String department, String token) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     UPDATE platform_schema_lock SET expires_at = ?
                     WHERE department = ? AND owner = ?""")) {
            c.setAutoCommit(true);
            ps.setObject(1, now().plus(lockLease));
            ps.setString(2, department);
            ps.setString(3, token);
            if (ps.executeUpdate() != 1) {
                throw new MigrationFailedException(department + " migration lock of " + token
                        + " expired and was taken by " + holder(department) + "; lockLease " + lockLease
                        + " is shorter than a migration", null);
            }
        }
    }

    private void releaseLock(String department, String token) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     UPDATE platform_schema_lock SET owner = NULL, expires_at = NULL
                     WHERE department = ? AND owner = ?""")) {
            c.setAutoCommit(true);
            ps.setString(1, department);
            ps.setString(2, token);
            ps.executeUpdate();
        } catch (SQLException e) {
            // Not fatal: the lease expires on its own, and throwing here would hide the migration's own outcome.
            LOG.warn("Could not release the {} migration lock; it frees itself after {}", department, lockLease, e);
        }
    }

    private String holder(String department) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT owner, expires_at FROM platform_schema_lock WHERE department = ?")) {
            ps.setString(1, department);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return "nobody (released just now)";
                }
                return rs.getString(1) + " until " + rs.getObject(2, OffsetDateTime.class);
            }
        }
    }

    private void applyPending(String department, List<Migration> ordered, String lockToken) throws SQLException {
        Map<Integer, String> applied = appliedChecksums(department);
        for (Migration m : ordered) {
            String checksum = applied.get(m.version());
            if (checksum == null) {
                renewLock(department, lockToken);
                apply(department, m);
                LOG.info("{} migration V{} ({}) applied", department, m.version(), m.description());
            } else if (!checksum.equals(m.checksum())) {
                // Editing a migration that already ran changes nothing on this database; say so rather than fail.
                LOG.warn("{} migration V{} ({}) differs from the one applied (checksum {} now {}); not re-run",
                        department, m.version(), m.description(), checksum, m.checksum());
            }
        }
    }

    private Map<Integer, String> appliedChecksums(String department) throws SQLException {
        Map<Integer, String> applied = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT version, checksum FROM platform_schema_version WHERE department = ?")) {
            ps.setString(1, department);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    applied.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        return applied;
    }

    private void apply(String department, Migration m) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean commitsDdl = commitsDdl(c);
                try (Statement s = c.createStatement()) {
                    for (String statement : SqlScript.split(m.sql())) {
                        try {
                            s.execute(statement);
                        } catch (SQLException e) {
                            if (!commitsDdl || !alreadyThere(e)) {
                                throw e;
                            }
                            // H2 committed this DDL in an earlier run of the same migration that was cut off (a
                            // DataSource rebuilt under it, a killed JVM) before the version row: resume after it.
                            LOG.warn("{} migration V{} ({}): skipping a statement an interrupted earlier run applied: {}",
                                    department, m.version(), m.description(), e.getMessage());
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO platform_schema_version (department, version, description, checksum, applied_at)
                        VALUES (?, ?, ?, ?, ?)""")) {
                    ps.setString(1, department);
                    ps.setInt(2, m.version());
                    ps.setString(3, m.description());
                    ps.setString(4, m.checksum());
                    ps.setObject(5, now());
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                rollback(c, e);
                throw new MigrationFailedException(department + " migration V" + m.version() + " ("
                        + m.description() + ") failed: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                rollback(c, e);
                throw e;
            } finally {
                restoreAutoCommit(c);
            }
        }
    }

    /** H2 commits on every DDL statement, so a migration cut off midway leaves its first statements applied. */
    private static boolean commitsDdl(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().startsWith("H2");
    }

    /**
     * H2's "already exists" errors: duplicate column (42121), table or view (42101), index (42111), sequence (90035),
     * constraint (90045). Only these are skipped; the statement failed without changing anything.
     */
    private static boolean alreadyThere(SQLException e) {
        int code = e.getErrorCode();
        return code == 42121 || code == 42101 || code == 42111 || code == 90035 || code == 90045;
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** A pooled connection goes back to the pool in the state other borrowers expect. */
    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.debug("Could not restore autocommit on a migration connection", e);
        }
    }

    /** The highest version applied for the department (0 when none or when the version table does not exist yet). */
    public int appliedVersion(String department) {
        try {
            return tableExists("platform_schema_version") ? currentVersion(department) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }

    private int currentVersion(String department) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT MAX(version) FROM platform_schema_version WHERE department = ?")) {
            ps.setString(1, department);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** 50 to 100 ms, jittered so that runners polling the same lock do not stay in step. */
    private static void pause() {
        try {
            Thread.sleep(50 + ThreadLocalRandom.current().nextInt(51));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationFailedException("interrupted while waiting for the migration lock", e);
        }
    }
}
