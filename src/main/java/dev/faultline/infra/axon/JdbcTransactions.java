package dev.faultline.infra.axon;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.ConnectionWrapperFactory;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * The transaction bridge between Axon and PostgreSQL: when Axon starts a transaction (a command's
 * unit of work, or a processor batch), one pooled connection is bound to the thread with
 * auto-commit off; the event store, the token store and the projections all get that connection
 * from {@link #getConnection()}, so events, tokens and read-model rows commit or roll back
 * together, with the unit of work. Outside a transaction, connections are plain auto-commit ones.
 *
 * <p>Plain JDBC rather than JTA: one resource needs no two-phase coordinator, and the
 * coordinator's per-transaction cost was a large share of a command's CPU (docs/decisions.md).
 */
public final class JdbcTransactions implements TransactionManager, ConnectionProvider {

    private static final Transaction JOINED = new Transaction() {
        @Override
        public void commit() {
            // the outer transaction commits
        }

        @Override
        public void rollback() {
            // the outer transaction rolls back
        }
    };

    private final DataSource dataSource;
    private final ThreadLocal<Connection> bound = new ThreadLocal<>();

    public JdbcTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Transaction startTransaction() {
        if (bound.get() != null) {
            return JOINED;
        }
        Connection connection;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new TransactionFailed("cannot begin a transaction", e);
        }
        bound.set(connection);
        return new Transaction() {
            @Override
            public void commit() {
                finish(connection, true);
            }

            @Override
            public void rollback() {
                finish(connection, false);
            }
        };
    }

    /** The connection of the current transaction (closing it is a no-op), or a fresh auto-commit one. */
    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = bound.get();
        if (connection == null) {
            return dataSource.getConnection();
        }
        // closing it is a no-op: the transaction closes it when it ends
        return ConnectionWrapperFactory.wrap(connection, new ConnectionWrapperFactory.NoOpCloseHandler());
    }

    private void finish(Connection connection, boolean commit) {
        bound.remove();
        try (connection) {
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new TransactionFailed(commit ? "commit failed" : "rollback failed", e);
        }
    }

    /** The database transaction could not be started, committed or rolled back. */
    public static final class TransactionFailed extends RuntimeException {
        TransactionFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
