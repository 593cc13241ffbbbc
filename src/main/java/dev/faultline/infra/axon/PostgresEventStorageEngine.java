package dev.faultline.infra.axon;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC event storage engine on PostgreSQL with JSONB payload and metadata columns:
 * serialized data is a JSON string, written as an untyped parameter (the datasource sets
 * {@code stringtype=unspecified}) and read back as text. A unique-key violation (SQLState 23505)
 * on (aggregate, sequence) is reported as a concurrency conflict, so the losing writer of a race
 * gets a 409 and nothing is written twice.
 */
final class PostgresEventStorageEngine extends JdbcEventStorageEngine {

    private static final String UNIQUE_VIOLATION = "23505";

    private PostgresEventStorageEngine(Builder builder) {
        super(builder);
    }

    static PostgresEventStorageEngine create(Builder builder) {
        return new PostgresEventStorageEngine(builder
                .dataType(String.class)
                .persistenceExceptionResolver(PostgresEventStorageEngine::isUniqueViolation));
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T> T readPayload(ResultSet resultSet, String columnName) throws SQLException {
        return (T) resultSet.getString(columnName);
    }

    private static boolean isUniqueViolation(Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
