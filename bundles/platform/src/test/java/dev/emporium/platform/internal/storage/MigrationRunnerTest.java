package dev.emporium.platform.internal.storage;

import static dev.emporium.testing.TestDatabases.count;
import static dev.emporium.testing.TestDatabases.execute;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.emporium.platform.api.MigrationFailedException;
import dev.emporium.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

@RunWith(Parameterized.class)
public class MigrationRunnerTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final Migration CREATE_ITEM = new Migration(1, "create item",
            "CREATE TABLE demo_item (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL)");
    private static final Migration ADD_ITEMS = new Migration(2, "add items", """
            INSERT INTO demo_item (id, name) VALUES (1, 'one');
            INSERT INTO demo_item (id, name) VALUES (2, 'two; with a semicolon');
            """);
    private static final Migration ADD_NOTE = new Migration(3, "add note",
            "ALTER TABLE demo_item ADD COLUMN note VARCHAR(20)");


    @Parameter
    public String engine;

    private DataSource db;

    @Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    @Before
    public void createDatabase() throws SQLException {
        db = TestDatabases.create(engine);
    }

    @After
    public void dropDatabase() throws SQLException {
        TestDatabases.drop(engine, db);
    }

    private MigrationRunner runner(String owner) {
        return new MigrationRunner(db, owner, LEASE, WAIT);
    }

    @Test
    public void freshDatabaseGetsEveryVersionInOrder() throws SQLException {
        // Given out of order on purpose: V3 alters the table V1 creates.
        int version = runner("node-a").migrate("catalog", List.of(ADD_NOTE, CREATE_ITEM, ADD_ITEMS));

        assertEquals(3, version);
        assertEquals(List.of("1 create item " + CREATE_ITEM.checksum(), "2 add items " + ADD_ITEMS.checksum(),
                "3 add note " + ADD_NOTE.checksum()), versionRows("catalog"));
        assertEquals(List.of("1 one", "2 two; with a semicolon"), items());
        assertEquals(0, count(db, "SELECT COUNT(note) FROM demo_item"));
        assertLockFree("catalog");
    }

    @Test
    public void rerunIsANoOp() throws SQLException {
        List<Migration> all = List.of(CREATE_ITEM, ADD_ITEMS, ADD_NOTE);
        assertEquals(3, runner("node-a").migrate("catalog", all));
        OffsetDateTime firstApplied = appliedAt("catalog", 2);

        assertEquals(3, runner("node-b").migrate("catalog", all));

        assertEquals(3, count(db, "SELECT COUNT(*) FROM platform_schema_version"));
        assertEquals(2, count(db, "SELECT COUNT(*) FROM demo_item"));
        assertEquals(firstApplied, appliedAt("catalog", 2));
        assertLockFree("catalog");
    }

    @Test
    public void emptyListOnEmptyDatabaseIsVersionZero() throws SQLException {
        assertEquals(0, runner("node-a").migrate("catalog", List.of()));
        assertEquals(0, count(db, "SELECT COUNT(*) FROM platform_schema_version"));
        assertLockFree("catalog");
    }

    @Test
    public void runnersStartedTogetherApplyEachMigrationOnce() throws Exception {
        List<Migration> migrations = List.of(
                new Migration(1, "create counter", "CREATE TABLE demo_counter (n INT NOT NULL)"),
                new Migration(2, "count one", "INSERT INTO demo_counter (n) VALUES (1)"),
                new Migration(3, "count two", "INSERT INTO demo_counter (n) VALUES (2)"));
        // Both start on an empty database, so they also race to create the bookkeeping tables and the lock row.
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (String owner : List.of("node-a", "node-b")) {
                MigrationRunner runner = runner(owner);
                results.add(pool.submit(() -> {
                    start.await();
                    return runner.migrate("catalog", migrations);
                }));
            }
            start.countDown();
            assertEquals(3, (int) results.get(0).get(30, TimeUnit.SECONDS));
            assertEquals(3, (int) results.get(1).get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, count(db, "SELECT COUNT(*) FROM demo_counter"));
        assertEquals(3, count(db, "SELECT SUM(n) FROM demo_counter"));
        assertEquals(3, count(db, "SELECT COUNT(*) FROM platform_schema_version WHERE department = 'catalog'"));
        assertLockFree("catalog");
    }

    @Test
    public void failedMigrationKeepsDataAndVersionAndReleasesTheLock() throws SQLException {
        assertEquals(1, runner("node-a").migrate("catalog", List.of(CREATE_ITEM)));
        Migration broken = new Migration(2, "add items", """
                INSERT INTO demo_item (id, name) VALUES (1, 'one');
                INSERT INTO demo_no_such_table (id) VALUES (1);
                """);
        Migration later = new Migration(3, "create other", "CREATE TABLE demo_other (id INT)");

        MigrationFailedException e = assertThrows(MigrationFailedException.class,
                () -> runner("node-a").migrate("catalog", List.of(CREATE_ITEM, broken, later)));

        assertTrue(e.getMessage(), e.getMessage().startsWith("catalog migration V2 (add items) failed: "));
        assertTrue(e.getCause() instanceof SQLException);
        assertEquals(0, count(db, "SELECT COUNT(*) FROM demo_item"));
        assertEquals(List.of("1 create item " + CREATE_ITEM.checksum()), versionRows("catalog"));
        assertFalse("V3 must not run after V2 failed", tableExists("demo_other"));
        assertLockFree("catalog");

        // No wait allowed: the fixed list only gets through if the failed run released its lock.
        MigrationRunner impatient = new MigrationRunner(db, "node-b", LEASE, Duration.ZERO);
        assertEquals(3, impatient.migrate("catalog", List.of(CREATE_ITEM, ADD_ITEMS, later)));
        assertEquals(List.of("1 one", "2 two; with a semicolon"), items());
        assertTrue(tableExists("demo_other"));
    }

    @Test
    public void ddlOfAFailedMigrationIsRolledBackOnlyOnPostgresql() throws SQLException {
        Migration broken = new Migration(1, "create two", """
                CREATE TABLE demo_first (id INT);
                INSERT INTO demo_no_such_table (id) VALUES (1);
                """);

        assertThrows(MigrationFailedException.class, () -> runner("node-a").migrate("catalog", List.of(broken)));

        // PostgreSQL has transactional DDL; H2 commits the open transaction on every DDL statement.
        assertEquals(TestDatabases.H2.equals(engine), tableExists("demo_first"));
        assertEquals(0, count(db, "SELECT COUNT(*) FROM platform_schema_version"));
        assertLockFree("catalog");
    }

    @Test
    public void aMigrationCutOffMidwayOnH2ResumesWhenRunAgain() throws SQLException {
        runner("node-a").migrate("catalog", List.of(CREATE_ITEM));
        Migration expand = new Migration(2, "expand", """
                ALTER TABLE demo_item ADD COLUMN brand VARCHAR(40);
                CREATE INDEX demo_item_brand_ix ON demo_item (brand);
                CREATE TABLE demo_extra (id INT);
                ALTER TABLE demo_item ADD COLUMN kind VARCHAR(40);
                """);
        // an earlier run committed its first statements (H2 commits each DDL), then its connection went away
        execute(db, "ALTER TABLE demo_item ADD COLUMN brand VARCHAR(40)");
        execute(db, "CREATE INDEX demo_item_brand_ix ON demo_item (brand)");

        if (TestDatabases.H2.equals(engine)) {
            assertEquals(2, runner("node-a").migrate("catalog", List.of(CREATE_ITEM, expand)));
            assertTrue(tableExists("demo_extra"));
            assertEquals(0, count(db, "SELECT COUNT(kind) FROM demo_item"));
        } else {
            // PostgreSQL's DDL is transactional: a cut-off run leaves nothing, so a clash is a real mistake
            assertThrows(MigrationFailedException.class, () -> runner("node-a").migrate("catalog", List.of(CREATE_ITEM, expand)));
            assertEquals(1, count(db, "SELECT MAX(version) FROM platform_schema_version"));
        }
        assertLockFree("catalog");
    }

    @Test
    public void aMigrationThatFailsForAnotherReasonOnH2StillFails() throws SQLException {
        Migration broken = new Migration(1, "broken", """
                CREATE TABLE demo_first (id INT);
                INSERT INTO demo_no_such_table (id) VALUES (1);
                """);
        execute(db, "CREATE TABLE demo_first (id INT)");

        assertThrows(MigrationFailedException.class, () -> runner("node-a").migrate("catalog", List.of(broken)));
        assertEquals(0, count(db, "SELECT COUNT(*) FROM platform_schema_version"));
    }

    @Test
    public void expiredLeaseOfACrashedOwnerIsTakenOver() throws SQLException {
        runner("node-a").migrate("catalog", List.of());
        setLock("catalog", "crashed-node", OffsetDateTime.now().minusMinutes(1));

        assertEquals(1, new MigrationRunner(db, "node-b", LEASE, Duration.ofSeconds(2))
                .migrate("catalog", List.of(CREATE_ITEM)));

        assertTrue(tableExists("demo_item"));
        assertLockFree("catalog");
    }

    @Test
    public void liveLeaseOfAnotherOwnerMakesTheRunnerGiveUp() throws SQLException {
        runner("node-a").migrate("catalog", List.of());
        OffsetDateTime until = OffsetDateTime.now().plusHours(1);
        setLock("catalog", "busy-node", until);

        long started = System.nanoTime();
        MigrationFailedException e = assertThrows(MigrationFailedException.class,
                () -> new MigrationRunner(db, "node-b", LEASE, Duration.ofMillis(300))
                        .migrate("catalog", List.of(CREATE_ITEM)));
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;

        assertTrue(e.getMessage(), e.getMessage().contains("catalog migrations are locked by busy-node until"));
        assertTrue("waited " + waitedMillis + " ms", waitedMillis >= 300);
        assertFalse(tableExists("demo_item"));
        assertEquals("busy-node", lockOwner("catalog"));
    }

    @Test
    public void olderListRunsOnANewerSchema() throws SQLException {
        assertEquals(3, runner("node-a").migrate("catalog", List.of(CREATE_ITEM, ADD_ITEMS, ADD_NOTE)));

        // The bundle that was rolled back to only knows V1 and V2.
        assertEquals(3, runner("node-old").migrate("catalog", List.of(CREATE_ITEM, ADD_ITEMS)));

        assertEquals(3, count(db, "SELECT COUNT(*) FROM platform_schema_version"));
        assertEquals(2, count(db, "SELECT COUNT(*) FROM demo_item"));
    }

    @Test
    public void editedAppliedMigrationIsNotRerun() throws SQLException {
        runner("node-a").migrate("catalog", List.of(CREATE_ITEM, ADD_ITEMS));
        Migration edited = new Migration(2, "add items", "INSERT INTO demo_item (id, name) VALUES (3, 'three')");

        assertEquals(2, runner("node-a").migrate("catalog", List.of(CREATE_ITEM, edited)));

        assertEquals(List.of("1 one", "2 two; with a semicolon"), items());
        assertEquals(List.of("1 create item " + CREATE_ITEM.checksum(), "2 add items " + ADD_ITEMS.checksum()),
                versionRows("catalog"));
    }

    @Test
    public void departmentsHaveTheirOwnVersions() throws SQLException {
        runner("node-a").migrate("catalog", List.of(CREATE_ITEM, ADD_ITEMS));

        int orders = runner("node-a").migrate("orders",
                List.of(new Migration(1, "create order", "CREATE TABLE demo_order (id INT)")));

        assertEquals(1, orders);
        assertEquals(2, count(db, "SELECT MAX(version) FROM platform_schema_version WHERE department = 'catalog'"));
        assertTrue(tableExists("demo_order"));
    }

    @Test
    public void scriptsWithCommentsAndQuotedSemicolonsRun() throws SQLException {
        Migration commented = new Migration(1, "create note", """
                -- A note table; the comment has a semicolon.
                CREATE TABLE demo_note (id INT PRIMARY KEY, body VARCHAR(100) NOT NULL);
                /* Seed rows; one per statement. */
                INSERT INTO demo_note (id, body) VALUES (1, 'a;b -- not a comment');
                INSERT INTO demo_note (id, body) VALUES (2, 'it''s /* text */');
                -- trailing comment only
                """);
        assertEquals(1, runner("node-a").migrate("catalog", List.of(commented)));
        assertEquals(List.of("a;b -- not a comment", "it's /* text */"), strings("SELECT body FROM demo_note ORDER BY id"));
    }

    @Test
    public void rejectsBadDepartmentNamesAndDuplicateVersions() {
        for (String name : new String[] {"Catalog", "", "1catalog", "cat_alog", "a".repeat(33), "catalog;drop"}) {
            assertThrows(name, IllegalArgumentException.class,
                    () -> runner("node-a").migrate(name, List.of(CREATE_ITEM)));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> runner("node-a").migrate("catalog", List.of(CREATE_ITEM, new Migration(1, "again", "x"))));
        assertTrue(e.getMessage(), e.getMessage().contains("1"));
    }

    private List<String> versionRows(String department) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT version, description, checksum, applied_at FROM platform_schema_version
                WHERE department = ? ORDER BY version""")) {
            ps.setString(1, department);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assertTrue(rs.getObject(4, OffsetDateTime.class).isAfter(OffsetDateTime.now().minusMinutes(5)));
                    rows.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
            return rows;
        }
    }

    private OffsetDateTime appliedAt(String department, int version) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT applied_at FROM platform_schema_version WHERE department = ? AND version = ?")) {
            ps.setString(1, department);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getObject(1, OffsetDateTime.class);
            }
        }
    }

    private List<String> items() throws SQLException {
        return strings("SELECT id, name FROM demo_item ORDER BY id");
    }

    /** Each row's columns joined by a space. */
    private List<String> strings(String sql) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<String> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }

    private boolean tableExists(String table) {
        try {
            execute(db, "SELECT 1 FROM " + table + " WHERE 1 = 0");
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private void setLock(String department, String owner, OffsetDateTime expiresAt) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE platform_schema_lock SET owner = ?, expires_at = ? WHERE department = ?")) {
            ps.setString(1, owner);
            ps.setObject(2, expiresAt);
            ps.setString(3, department);
            assertEquals(1, ps.executeUpdate());
        }
    }

    private String lockOwner(String department) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT owner FROM platform_schema_lock WHERE department = ?")) {
            ps.setString(1, department);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue("no lock row for " + department, rs.next());
                return rs.getString(1);
            }
        }
    }

    private void assertLockFree(String department) throws SQLException {
        assertNull(lockOwner(department));
    }
}
