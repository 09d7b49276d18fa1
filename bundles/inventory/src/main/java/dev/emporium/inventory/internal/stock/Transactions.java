package dev.emporium.inventory.internal.stock;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/** Short transactions on the department's DataSource. */
final class Transactions {

    /** SQLSTATE of a unique or primary key violation, the same on H2 and PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Transactions() {
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    static <T> T inTransaction(DataSource dataSource, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new InventoryStorageException(e);
        }
    }

    /**
     * Runs an insert that may lose a race to a concurrent one, inside a savepoint so that the losing insert does not
     * abort the whole transaction (PostgreSQL refuses every later statement of a transaction after an error).
     *
     * @return false when the row already existed
     */
    static boolean insertIfAbsent(Connection c, Work<Integer> insert) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try {
            insert.run(c);
            c.releaseSavepoint(sp);
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                c.rollback(sp);
                return false;
            }
            throw e;
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
