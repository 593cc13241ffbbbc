package dev.faultline.query.search;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * With a search index shared by all nodes, only one node rebuilds it at a time: a PostgreSQL
 * session advisory lock, held on a connection of its own for as long as the rebuild runs. A node
 * that dies while rebuilding loses its connection, and with it the lock.
 */
final class RebuildLock {

    /** The lock's key: "Faultline search rebuild", arbitrary but fixed. */
    private static final long KEY = 0x46_4c_53_52_45_42_4c_44L;

    private final AgroalDataSource dataSource;
    private final java.util.concurrent.atomic.AtomicReference<Connection> held = new java.util.concurrent.atomic.AtomicReference<>();

    RebuildLock(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Waits until this node holds the lock. */
    void lock() {
        acquire("SELECT pg_advisory_lock(?)");
    }

    /** Takes the lock if no node holds it; false otherwise. */
    boolean tryLock() {
        return acquire("SELECT pg_try_advisory_lock(?)");
    }

    private boolean acquire(String sql) {
        if (held.get() != null) {
            return false;
        }
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, KEY);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    // pg_advisory_lock returns void (read as null/false); reaching here means it is held
                    boolean taken = sql.contains("try") ? rs.getBoolean(1) : true;
                    if (taken && held.compareAndSet(null, connection)) {
                        return true;
                    }
                }
            }
            release(connection);
            return false;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("cannot take the search rebuild lock", e);
        }
    }

    /** Releases the lock if this node holds it. */
    void unlock() {
        Connection connection = held.getAndSet(null);
        if (connection != null) {
            release(connection);
        }
    }

    private static void release(Connection connection) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            statement.setLong(1, KEY);
            statement.execute();
        } catch (SQLException e) {
            // the connection is gone, and the lock with it
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
    }
}
