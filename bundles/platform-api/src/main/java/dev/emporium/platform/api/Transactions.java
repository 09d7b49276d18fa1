package dev.emporium.platform.api;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Short database transactions for department services: commit on success, roll back on anything else. */
public final class Transactions {

    /** Work done on a connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Transactions() {
    }

    /**
     * Runs {@code work} in one transaction. A {@link ProblemException} thrown by the work rolls back and passes
     * through unchanged; a database failure rolls back and surfaces as an {@link IllegalStateException} (a 500: the
     * client did nothing wrong).
     */
    public static <T> T inTransaction(DataSource dataSource, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database failure: " + e.getMessage(), e);
        }
    }

    /**
     * Runs an insert that may lose a race to a concurrent one, inside a savepoint, so that the losing insert does not
     * abort the whole transaction (PostgreSQL refuses every later statement of a transaction after an error).
     *
     * @return false when a unique key already held the row
     */
    public static boolean insertIfAbsent(Connection c, Work<?> insert) throws SQLException {
        java.sql.Savepoint sp = c.setSavepoint();
        try {
            insert.run(c);
            c.releaseSavepoint(sp);
            return true;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                c.rollback(sp);
                return false;
            }
            throw e;
        }
    }

    /** True when the database refused a row because a unique key already holds its value (SQLState 23505). */
    public static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
