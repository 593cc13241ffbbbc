package dev.faultline.infra.axon;

import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Bridges Axon's units of work to the JTA transaction of the Agroal datasource: when Axon starts
 * a transaction (a command, or a processor batch), a JTA transaction begins, and the Agroal
 * connections the event store, token store and projections take inside it all join it. When
 * the unit of work commits or rolls back, so does the database. An already active transaction is
 * joined rather than nested.
 */
final class JtaTransactionManager implements TransactionManager {

    private static final Transaction JOINED = new Transaction() {
        @Override
        public void commit() {
            // the outer owner commits
        }

        @Override
        public void rollback() {
            // the outer owner rolls back
        }
    };

    private final jakarta.transaction.TransactionManager jta;

    JtaTransactionManager(jakarta.transaction.TransactionManager jta) {
        this.jta = jta;
    }

    @Override
    public Transaction startTransaction() {
        try {
            if (jta.getStatus() != Status.STATUS_NO_TRANSACTION) {
                return JOINED;
            }
            jta.begin();
            return new Transaction() {
                @Override
                public void commit() {
                    try {
                        jta.commit();
                    } catch (Exception e) {
                        throw new TransactionFailed("commit failed", e);
                    }
                }

                @Override
                public void rollback() {
                    try {
                        if (jta.getStatus() != Status.STATUS_NO_TRANSACTION) {
                            jta.rollback();
                        }
                    } catch (SystemException e) {
                        throw new TransactionFailed("rollback failed", e);
                    }
                }
            };
        } catch (Exception e) {
            throw new TransactionFailed("cannot begin a transaction", e);
        }
    }

    /** The database transaction could not be started, committed or rolled back. */
    static final class TransactionFailed extends RuntimeException {
        TransactionFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
