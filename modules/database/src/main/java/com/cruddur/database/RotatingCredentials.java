package com.cruddur.database;

import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;

/**
 * The database user and password when a secret holds them (the RDS-managed master password in Secrets Manager, whose
 * JSON has {@code username} and {@code password}) rather than the database URL. The secret is read once and then
 * remembered; when PostgreSQL refuses a login with the remembered password (SQLSTATE 28P01, as after a rotation),
 * {@link ConnectionSettings#open(DatabaseLocation, RotatingCredentials)} reads it again and retries.
 */
public final class RotatingCredentials {

    /** Reads the secret's JSON; {@code fresh} is true after a refused login (bypass any cache on the way). */
    @FunctionalInterface
    public interface SecretReader {
        String read(boolean fresh) throws Exception;
    }

    /** A user and password; {@link #toString()} never shows the password. */
    public record Credentials(String user, String password) {
        public Credentials {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return user + ":***";
        }
    }

    private final String secretId;
    private final SecretReader reader;
    private Credentials current;

    /** @param secretId names the secret in error messages */
    public RotatingCredentials(String secretId, SecretReader reader) {
        this.secretId = Objects.requireNonNull(secretId, "secretId");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    public String secretId() {
        return secretId;
    }

    /** The credentials to log in with: the secret as last read (read now if it never was). */
    public synchronized Credentials current() throws SQLException {
        if (current == null) {
            current = read(false);
        }
        return current;
    }

    /**
     * The credentials to retry with after PostgreSQL refused {@code refused}: the secret read again, unless another
     * connection already read it since (then what it read).
     */
    public synchronized Credentials afterRefusal(Credentials refused) throws SQLException {
        if (current != null && !current.equals(refused)) {
            return current;
        }
        current = read(true);
        return current;
    }

    private Credentials read(boolean fresh) throws SQLException {
        String json;
        try {
            json = reader.read(fresh);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreadable("interrupted", e);
        } catch (Exception e) {
            throw unreadable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
        return parse(json);
    }

    /** The {@code username} and {@code password} of a secret's JSON. */
    Credentials parse(String secretJson) throws SQLException {
        Map<String, Object> secret;
        try {
            secret = JsonObjects.parse(secretJson);
        } catch (IllegalArgumentException e) {
            throw unreadable("its value is not a JSON object", null);
        }
        if (!(secret.get("username") instanceof String user) || user.isEmpty()
                || !(secret.get("password") instanceof String password) || password.isEmpty()) {
            throw unreadable("it has no username and password", null);
        }
        return new Credentials(user, password);
    }

    // 08001: the client could not establish the connection. It classifies as unavailable: a retry can succeed.
    private SQLException unreadable(String why, Throwable cause) {
        return new SQLException("the database secret " + secretId + " could not be read: " + why, "08001", cause);
    }
}
