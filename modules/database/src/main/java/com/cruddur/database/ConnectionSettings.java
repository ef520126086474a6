package com.cruddur.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How a connection to PostgreSQL is opened: the one place that turns a {@link DatabaseLocation} (user, password and
 * TLS included, with libpq's defaults already applied) into the driver's URL and properties, for the pool, its
 * return probe, the Lambda and the tests. Every connection works in UTC and keeps TCP keep-alive on. A timeout left
 * null is the driver's default (none).
 *
 * @param applicationName  what {@code pg_stat_activity} shows for these connections
 * @param connectTimeout   the TCP connect (whole seconds, rounded up)
 * @param loginTimeout     the whole opening: connect, TLS, authentication, and the driver's retry without TLS
 * @param socketTimeout    any one read from the server
 * @param statementTimeout PostgreSQL's {@code statement_timeout} for every statement
 */
public record ConnectionSettings(String applicationName, Duration connectTimeout, Duration loginTimeout,
                                 Duration socketTimeout, Duration statementTimeout) {

    private static final String INVALID_PASSWORD = "28P01";

    public ConnectionSettings {
        Objects.requireNonNull(applicationName, "applicationName");
    }

    /** Connections under this application name, with the driver's default timeouts. */
    public static ConnectionSettings named(String applicationName) {
        return new ConnectionSettings(applicationName, null, null, null, null);
    }

    public ConnectionSettings withConnectTimeout(Duration timeout) {
        return new ConnectionSettings(applicationName, timeout, loginTimeout, socketTimeout, statementTimeout);
    }

    public ConnectionSettings withLoginTimeout(Duration timeout) {
        return new ConnectionSettings(applicationName, connectTimeout, timeout, socketTimeout, statementTimeout);
    }

    public ConnectionSettings withSocketTimeout(Duration timeout) {
        return new ConnectionSettings(applicationName, connectTimeout, loginTimeout, timeout, statementTimeout);
    }

    public ConnectionSettings withStatementTimeout(Duration timeout) {
        return new ConnectionSettings(applicationName, connectTimeout, loginTimeout, socketTimeout, timeout);
    }

    /** The driver's properties for a connection to {@code location}; they hold the password, so never log them. */
    public Properties properties(DatabaseLocation location) {
        Properties properties = new Properties();
        if (location.user() != null) {
            properties.setProperty("user", location.user());
        }
        if (location.password() != null) {
            properties.setProperty("password", location.password());
        }
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("tcpKeepAlive", "true");
        // The driver otherwise puts the server's detail (a conflicting key's value: an email) in every exception's
        // message, which an unexpected failure's log line prints. The detail stays in getServerErrorMessage().
        properties.setProperty("logServerErrorDetail", "false");
        if (connectTimeout != null) {
            properties.setProperty("connectTimeout", seconds(connectTimeout));
        }
        if (loginTimeout != null) {
            properties.setProperty("loginTimeout", seconds(loginTimeout));
        }
        if (socketTimeout != null) {
            properties.setProperty("socketTimeout", seconds(socketTimeout));
        }
        properties.setProperty("options", (statementTimeout == null ? "" : "-c statement_timeout=" + statementTimeout.toMillis() + " ")
                + "-c TimeZone=UTC");
        return properties;
    }

    /** A new connection, straight from the driver (DriverManager would scan the classpath for every JDBC driver first). */
    public Connection open(DatabaseLocation location) throws SQLException {
        Connection connection = new Driver().connect(location.jdbcUrl(), properties(location));
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: " + location, "08001");
        }
        return connection;
    }

    /**
     * A new connection as the user and password that {@code credentials} hold now (or {@code location}'s own when
     * null). When PostgreSQL refuses that password (28P01 invalid_password: the secret was rotated since it was read),
     * the secret is read again and, if it changed, the login retried once: a rotation costs no failed connection.
     */
    public Connection open(DatabaseLocation location, RotatingCredentials credentials) throws SQLException {
        if (credentials == null) {
            return open(location);
        }
        RotatingCredentials.Credentials used = credentials.current();
        try {
            return open(location.withCredentials(used.user(), used.password()));
        } catch (SQLException refused) {
            if (!INVALID_PASSWORD.equals(refused.getSQLState())) {
                throw refused;
            }
            RotatingCredentials.Credentials fresh = credentials.afterRefusal(used);
            if (fresh.equals(used)) {
                throw refused;
            }
            return open(location.withCredentials(fresh.user(), fresh.password()));
        }
    }

    /** For a pool: each {@code getConnection()} opens a new connection as {@link #open(DatabaseLocation, RotatingCredentials)} does. */
    public DataSource dataSource(DatabaseLocation location, RotatingCredentials credentials) {
        return new RotatingCredentialsDataSource(this, location, credentials);
    }

    /** Unpooled: each {@code getConnection()} opens a new connection. */
    public DataSource unpooledDataSource(DatabaseLocation location) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(location.jdbcUrl());
        properties(location).forEach((name, value) -> {
            try {
                dataSource.setProperty((String) name, (String) value);
            } catch (SQLException e) {
                throw new IllegalArgumentException("the driver does not know the property " + name, e);
            }
        });
        return dataSource;
    }

    private static String seconds(Duration timeout) {
        return Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000));
    }
}
