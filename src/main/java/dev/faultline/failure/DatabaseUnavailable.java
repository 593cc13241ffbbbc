package dev.faultline.failure;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a failure of the database's availability (the server is down or restarting, a connection
 * was cut, no connection could be had in time) from a fault in a request. The first is
 * temporary and answered 503 with {@code Retry-After}; only the second is a 500. Decided by the
 * SQLState the PostgreSQL driver sets, never by parsing a message.
 */
public final class DatabaseUnavailable {

    /** Connection exceptions (class 08) and the server shutting down or starting (57P01–57P03). */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseUnavailable() {
    }

    /** Implemented by an exception that itself means the database could not be used (a transaction that could not begin or commit). */
    public interface Signal {
    }

    /** Whether {@code failure}, however deeply wrapped, comes from the database being unreachable. */
    public static boolean causes(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Signal || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && unavailable(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean unavailable(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            // Agroal's "Sorry, acquisition timeout!" carries no SQLState: no connection in time
            return e.getClass() == SQLException.class && e.getMessage() != null
                    && e.getMessage().startsWith("Sorry, acquisition timeout");
        }
        return state.startsWith("08") || UNAVAILABLE_STATES.contains(state);
    }
}
