package dev.faultline.infra.axon;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.ConnectionWrapperFactory;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.jboss.logging.Logger;

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

    private static final Logger LOG = Logger.getLogger(JdbcTransactions.class);

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
        if (CurrentUnitOfWork.isStarted()) {
            // Axon commits or rolls back on its COMMIT and ROLLBACK phases, but an Error (not an
            // Exception) thrown while committing skips the rollback: the connection would stay bound
            // to this thread, and the next unit of work here would join a transaction nobody commits.
            // The cleanup phase always runs, so it ends whatever is still open.
            CurrentUnitOfWork.get().onCleanup(u -> {
                if (bound.get() == connection) {
                    finish(connection, false);
                }
            });
        }
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
        if (bound.get() == connection) {
            bound.remove();
        }
        try (connection) {
            if (commit) {
                connection.commit();
            } else if (!connection.isClosed()) {
                connection.rollback();
            }
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            if (commit) {
                throw new TransactionFailed("commit failed", e);
            }
            // a rollback on a broken connection: the server ends the transaction when it sees the
            // connection go, and the pool drops the connection on its error
            LOG.debugf("rollback on a broken connection: %s", e.getMessage());
        }
    }

    /** The database transaction could not be started, committed or rolled back. */
    public static final class TransactionFailed extends RuntimeException
            implements dev.faultline.failure.DatabaseUnavailable.Signal {
        TransactionFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
