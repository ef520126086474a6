package com.cruddur.database;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Whether a failure of the database means "unavailable, retry" (a later attempt can succeed: the server is away,
 * starting, shutting down, out of connections or resources, or a statement ran past its timeout) or "error" (the
 * statement or the data is wrong; retrying repeats the failure). The server answers the first with 503
 * {@code UNAVAILABLE}, the Lambda with {@code database_unavailable}.
 * <p>
 * Unavailable: SQLSTATE class 08 (connection exception), class 53 (insufficient resources, e.g. 53300
 * too_many_connections), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 57P05
 * idle_session_timeout, 57014 query_canceled (how {@code statement_timeout} ends a statement), 55P03
 * lock_not_available, 40001 serialization_failure and 40P01 deadlock_detected (the transaction was rolled back
 * and can be run again); a socket read timeout; and the pool's own timeout waiting for a connection.
 * Everything else is an error, 57P04 database_dropped and the rest of class 57 included.
 */
public final class DatabaseFailure {

    private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "53");
    private static final Set<String> UNAVAILABLE_STATES = Set.of(
            "57P01", "57P02", "57P03", "57P05", "57014", "55P03", "40001", "40P01");

    private DatabaseFailure() {
    }

    /** True when {@code failure}, or any of its causes, says the database is unavailable for now. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SocketTimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql && isUnavailable(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public static boolean isUnavailable(String sqlState) {
        return sqlState != null && sqlState.length() == 5
                && (UNAVAILABLE_CLASSES.contains(sqlState.substring(0, 2)) || UNAVAILABLE_STATES.contains(sqlState));
    }
}
