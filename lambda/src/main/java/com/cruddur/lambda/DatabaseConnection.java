package com.cruddur.lambda;

import com.cruddur.database.ConnectionSettings;
import com.cruddur.database.DatabaseLocation;
import com.cruddur.database.RotatingCredentials;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * The container's one database connection, instead of a pool: opened on the first sign-up (never during init, so
 * a SnapStart snapshot holds no socket), kept for the next invocations, and checked before each one so that a
 * connection the server or a snapshot restore dropped is replaced once. Jdbi's handles borrow it and never close
 * it. The Lambda runs one invocation at a time per container; the lock only keeps that true for local callers.
 */
final class DatabaseConnection implements ConnectionFactory {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);
    static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(2);
    private static final int VALIDATION_TIMEOUT_SECONDS = 1;

    // connectTimeout bounds the TCP connect; loginTimeout the whole opening (TLS, authentication, and the
    // driver's second attempt without TLS under the default sslmode=prefer).
    private static final ConnectionSettings SETTINGS = ConnectionSettings.named("cruddur-sign-up-lambda")
            .withConnectTimeout(CONNECT_TIMEOUT)
            .withLoginTimeout(CONNECT_TIMEOUT)
            .withSocketTimeout(SOCKET_TIMEOUT)
            .withStatementTimeout(STATEMENT_TIMEOUT);

    private final DatabaseLocation location;
    private final RotatingCredentials credentials;
    private Connection connection;

    /** {@code credentials} is null when {@code location} holds the user and password. */
    DatabaseConnection(DatabaseLocation location, RotatingCredentials credentials) {
        this.location = location;
        this.credentials = credentials;
    }

    @Override
    public synchronized Connection openConnection() throws SQLException {
        if (connection != null && !connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
            closeQuietly();
        }
        if (connection == null) {
            connection = SETTINGS.open(location, credentials);
        }
        return connection;
    }

    @Override
    public void closeConnection(Connection borrowed) {
        // Kept open for the container's next invocation.
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException e) {
            // It was already unusable; the replacement is what matters.
        }
        connection = null;
    }
}
