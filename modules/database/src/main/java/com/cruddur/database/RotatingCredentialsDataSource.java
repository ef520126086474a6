package com.cruddur.database;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** What the pool opens its connections through when a secret holds the credentials: each one as the secret says now. */
final class RotatingCredentialsDataSource implements DataSource {

    private final ConnectionSettings settings;
    private final DatabaseLocation location;
    private final RotatingCredentials credentials;
    private int loginTimeoutSeconds;

    RotatingCredentialsDataSource(ConnectionSettings settings, DatabaseLocation location, RotatingCredentials credentials) {
        this.settings = settings;
        this.location = location;
        this.credentials = credentials;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return settings.open(location, credentials);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the credentials come from the secret " + credentials.secretId());
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // The driver logs through java.util.logging.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
