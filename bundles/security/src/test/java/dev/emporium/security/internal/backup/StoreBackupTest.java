package dev.emporium.security.internal.backup;

import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.testing.TestDatabases;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import javax.sql.DataSource;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Backup and restore on H2 and a real PostgreSQL: a store with security's real tables and a table of every value
 * kind is backed up, restored into a second store (migrated, or empty, or on the other engine) with identical
 * checksums; typed values and identities survive; a damaged archive or a store holding data is refused untouched.
 */
@RunWith(Parameterized.class)
public class StoreBackupTest {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final String engine;
    private final List<Map.Entry<String, DataSource>> databases = new ArrayList<>();
    private DataSource source;
    private Path archive;

    public StoreBackupTest(String engine) {
        this.engine = engine;
    }

    @Before
    public void storeWithData() throws Exception {
        source = store(engine, true);
        TestDatabases.execute(source, """
                INSERT INTO security_admin (username, roles, password_hash, password_changed_at, must_change_password,
                    enabled, failed_sign_ins, locked_until, created_at, last_sign_in_at)
                VALUES ('admin', 'admin', 'pbkdf2-sha256$1$AA$BB', TIMESTAMP WITH TIME ZONE '2026-01-02 03:04:05.123456+02:00',
                    FALSE, TRUE, 0, NULL, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00:00', NULL)""");
        try (Connection c = source.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO security_audit (at, actor, action, subject, address, outcome, detail) "
                        + "VALUES (TIMESTAMP WITH TIME ZONE '2026-01-03 10:00:00+00:00', 'admin', 'SIGN_IN', 'admin', '127.0.0.1', 'SUCCESS', ?)")) {
            for (int i = 0; i < 1203; i++) {
                ps.setString(1, i % 3 == 0 ? null : "détail ✓ " + i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        TestDatabases.execute(source, "DELETE FROM security_audit WHERE id = 7");
        try (Connection c = source.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO catalog_sample (price, weight, published, at, born, label, picture) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setBigDecimal(1, new BigDecimal("12.5000"));
            ps.setBigDecimal(2, new BigDecimal("0.10"));
            ps.setBoolean(3, true);
            ps.setObject(4, OffsetDateTime.parse("2026-05-06T07:08:09.000123+05:30"));
            ps.setObject(5, LocalDate.parse("1999-12-31"));
            ps.setString(6, "Château d'Yquem; \"1er\" cru\nline two");
            ps.setBytes(7, new byte[] {0, 1, (byte) 0xff, 42});
            ps.addBatch();
            ps.setBigDecimal(1, new BigDecimal("-0.0001"));
            ps.setNull(2, java.sql.Types.NUMERIC);
            ps.setBoolean(3, false);
            ps.setNull(4, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setNull(5, java.sql.Types.DATE);
            ps.setNull(6, java.sql.Types.VARCHAR);
            ps.setNull(7, java.sql.Types.BINARY);
            ps.addBatch();
            ps.executeBatch();
        }
        archive = folder.getRoot().toPath().resolve("store.zip");
        new StoreBackup(source, Clock.systemUTC(), "test").writeTo(archive);
    }

    @After
    public void drop() {
        databases.forEach(d -> TestDatabases.drop(d.getKey(), d.getValue()));
    }

    @Test
    public void theArchiveDescribesEveryTableOfTheKnownDepartments() {
        BackupManifest m = BackupArchive.open(archive).manifest();
        List<String> names = m.tables().stream().map(BackupManifest.Table::name).toList();
        assertTrue(names.toString(), names.containsAll(List.of("platform_schema_version", "security_admin", "security_audit",
                "security_password_history", "security_session", "catalog_sample")));
        assertFalse("the migration lease is not data", names.contains("platform_schema_lock"));
        assertFalse("a table of no known department is not the store's", names.contains("scratch_notes"));
        assertTrue("security_admin before the tables referencing it",
                names.indexOf("security_admin") < names.indexOf("security_session"));
        assertEquals(Map.of("catalog", 1, "security", 1), m.schemaVersions());
        assertEquals(1202, table(m, "security_audit").rows());
        assertEquals("1 admin, 1202 audit rows, 2 samples, 2 migration records", 1207, m.totalRows());
    }

    @Test
    public void aRestoreIntoASecondFreshStoreIsIdenticalTableByTable() throws Exception {
        DataSource target = store(engine, true);
        StoreRestore.Outcome o = StoreRestore.restore(BackupArchive.open(archive), target, false);
        assertTrue(o.identical());
        assertFalse(o.tablesCreated());
        assertSameContent(source, target);
        assertTypedValues(target);
        assertIdentityContinues(target);
    }

    @Test
    public void aRestoreIntoAnEmptyDatabaseOfEitherEngineCreatesTheTables() throws Exception {
        for (String other : List.of(TestDatabases.H2, TestDatabases.POSTGRESQL)) {
            DataSource target = TestDatabases.create(other);
            databases.add(Map.entry(other, target));
            StoreRestore.Outcome o = StoreRestore.restore(BackupArchive.open(archive), target, false);
            assertTrue(other, o.identical());
            assertTrue(other, o.tablesCreated());
            assertSameContent(source, target);
            assertTypedValues(target);
            assertIdentityContinues(target);
        }
    }

    @Test
    public void aStoreHoldingDataIsRefusedUnlessForced() throws Exception {
        DataSource target = store(engine, true);
        TestDatabases.execute(target, "INSERT INTO catalog_sample (price, published) VALUES (1, TRUE)");
        try {
            StoreRestore.restore(BackupArchive.open(archive), target, false);
            fail("a store holding data was replaced");
        } catch (ConflictException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("already holds data: catalog_sample (1 rows)"));
        }
        assertEquals(1, TestDatabases.count(target, "SELECT COUNT(*) FROM catalog_sample"));
        assertTrue(StoreRestore.restore(BackupArchive.open(archive), target, true).identical());
        assertSameContent(source, target);
    }

    @Test
    public void aStoreAtAnotherSchemaVersionIsRefused() {
        DataSource target = store(engine, true);
        TestDatabases.execute(target, "INSERT INTO platform_schema_version VALUES ('catalog', 2, 'later', 'x', CURRENT_TIMESTAMP)");
        try {
            StoreRestore.restore(BackupArchive.open(archive), target, false);
            fail();
        } catch (ConflictException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("catalog schema is at version 2, the archive's at 1"));
        }
    }

    @Test
    public void aDamagedOrTruncatedArchiveIsRefusedAndTheTargetIsLeftUnchanged() throws Exception {
        DataSource target = store(engine, true);
        TestDatabases.execute(target, "INSERT INTO catalog_sample (price, published) VALUES (7, FALSE)");
        Map<String, String> before = contents(target);
        byte[] bytes = Files.readAllBytes(archive);

        Path truncated = folder.getRoot().toPath().resolve("truncated.zip");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(truncated, target, "it is not a complete zip archive (truncated or damaged)");

        Path altered = rewrite("altered.zip", "tables/security_audit.jsonl", s -> s.replaceFirst("SIGN_IN", "SIGN_UP"));
        assertRefused(altered, target, "the file of table security_audit does not match its checksum");

        Path shortened = rewrite("short.zip", "tables/catalog_sample.jsonl", s -> s.substring(0, s.indexOf('\n') + 1));
        assertRefused(shortened, target, "table catalog_sample has 1 rows where the manifest says 2");

        Path badValue = rewrite("bad.zip", "tables/catalog_sample.jsonl", s -> s.replaceFirst("\"12.5000\"", "\"twelve\""));
        assertRefused(badValue, target, "column price: 'twelve' is not a decimal value");

        Path manifest = rewrite("manifest.zip", "manifest.json", s -> s.replaceFirst("\"rows\" : 2", "\"rows\" : 3"));
        assertRefused(manifest, target, "its manifest does not match its checksum");

        Path flipped = folder.getRoot().toPath().resolve("flipped.zip");
        byte[] copy = bytes.clone();
        copy[copy.length / 3] ^= 0x5a;
        Files.write(flipped, copy);
        assertRefused(flipped, target, "refused");

        assertEquals(before, contents(target));
    }

    private void assertRefused(Path bad, DataSource target, String why) {
        try {
            StoreRestore.restore(BackupArchive.open(bad), target, true);
            fail(bad + " was restored");
        } catch (ValidationException e) {
            assertEquals("archive", e.errors().get(0).field());
            assertTrue(e.getMessage(), e.getMessage().contains(why));
        }
    }

    private Path rewrite(String name, String entryName, java.util.function.UnaryOperator<String> change) throws Exception {
        Path out = folder.getRoot().toPath().resolve(name);
        try (ZipFile in = new ZipFile(archive.toFile()); OutputStream file = Files.newOutputStream(out);
             ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                byte[] data;
                try (InputStream s = in.getInputStream(entry)) {
                    data = s.readAllBytes();
                }
                if (entry.getName().equals(entryName)) {
                    data = change.apply(new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(data);
                zip.closeEntry();
            }
        }
        return out;
    }

    private void assertSameContent(DataSource a, DataSource b) throws SQLException {
        assertEquals(contents(a), contents(b));
    }

    /** Every archived table's row count and content checksum as the database holds it. */
    private Map<String, String> contents(DataSource ds) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = ds.getConnection()) {
            for (BackupManifest.Table t : BackupArchive.open(archive).manifest().tables()) {
                ContentDigest d = StoreRestore.digest(c, t);
                out.put(t.name(), d.count() + " " + d.hex());
            }
        }
        return out;
    }

    private static void assertTypedValues(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT price, weight, published, at, born, label, picture FROM catalog_sample ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            assertEquals(new BigDecimal("12.5000"), rs.getBigDecimal(1));
            assertEquals(new BigDecimal("0.10"), rs.getBigDecimal(2));
            assertTrue(rs.getBoolean(3));
            assertEquals(Instant.parse("2026-05-06T01:38:09.000123Z"), rs.getObject(4, OffsetDateTime.class).toInstant());
            assertEquals(LocalDate.parse("1999-12-31"), rs.getObject(5, LocalDate.class));
            assertEquals("Château d'Yquem; \"1er\" cru\nline two", rs.getString(6));
            assertArrayEquals(new byte[] {0, 1, (byte) 0xff, 42}, rs.getBytes(7));
            assertTrue(rs.next());
            assertEquals(new BigDecimal("-0.0001"), rs.getBigDecimal(1));
            assertNull(rs.getBigDecimal(2));
            assertFalse(rs.getBoolean(3));
            assertNull(rs.getObject(4));
            assertNull(rs.getObject(5));
            assertNull(rs.getString(6));
            assertNull(rs.getBytes(7));
            assertFalse(rs.next());
        }
    }

    private static void assertIdentityContinues(DataSource ds) {
        long max = TestDatabases.count(ds, "SELECT MAX(id) FROM security_audit");
        TestDatabases.execute(ds, "INSERT INTO security_audit (at, actor, action, address, outcome) "
                + "VALUES (CURRENT_TIMESTAMP, 'x', 'RESTORED', 'here', 'SUCCESS')");
        assertEquals(max + 1, TestDatabases.count(ds, "SELECT MAX(id) FROM security_audit"));
        TestDatabases.execute(ds, "INSERT INTO catalog_sample (price, published) VALUES (3, TRUE)");
        assertEquals(3, TestDatabases.count(ds, "SELECT MAX(id) FROM catalog_sample"));
    }

    private static BackupManifest.Table table(BackupManifest m, String name) {
        return m.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    /** A database like a store's: migration records, security's real tables, a table of every value kind. */
    private DataSource store(String kind, boolean migrated) {
        DataSource ds = TestDatabases.create(kind);
        databases.add(Map.entry(kind, ds));
        if (!migrated) {
            return ds;
        }
        TestDatabases.execute(ds, """
                CREATE TABLE platform_schema_version (department VARCHAR(64) NOT NULL, version INT NOT NULL,
                    description VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL,
                    applied_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (department, version))""");
        TestDatabases.execute(ds, "CREATE TABLE platform_schema_lock (department VARCHAR(64) PRIMARY KEY, owner VARCHAR(200), expires_at TIMESTAMP WITH TIME ZONE)");
        TestDatabases.execute(ds, "INSERT INTO platform_schema_lock VALUES ('security', NULL, NULL)");
        TestDatabases.migrate(ds, "security");
        TestDatabases.execute(ds, "CREATE TABLE catalog_sample (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                + "price NUMERIC(19, 4) NOT NULL, weight DECIMAL(9, 2), published BOOLEAN NOT NULL, at TIMESTAMP WITH TIME ZONE, "
                + "born DATE, label VARCHAR, picture " + (TestDatabases.H2.equals(kind) ? "VARBINARY" : "BYTEA") + ")");
        TestDatabases.execute(ds, "CREATE TABLE scratch_notes (note VARCHAR)");
        TestDatabases.execute(ds, "INSERT INTO scratch_notes VALUES ('not a department')");
        TestDatabases.execute(ds, "INSERT INTO platform_schema_version VALUES ('security', 1, 'create', 'abc', CURRENT_TIMESTAMP)");
        TestDatabases.execute(ds, "INSERT INTO platform_schema_version VALUES ('catalog', 1, 'create', 'def', CURRENT_TIMESTAMP)");
        return ds;
    }
}
