package com.cruddur.testing;

import com.cruddur.database.DatabaseLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * A login role of a test database that PostgreSQL checks by password, with what the server and the Lambda need on
 * its tables: for tests of credentials that rotate. The embedded PostgreSQL trusts every local login, so this adds a
 * password rule for this role alone at the top of its {@code pg_hba.conf} (and removes it when closed); a server
 * that already checks passwords (a container) needs none. Where neither can be had, the test is skipped.
 */
public final class PasswordRole implements AutoCloseable {

    private final TestDatabase database;
    private final String name;
    private final List<String> hbaLines = new ArrayList<>();
    private Path hbaFile;

    private PasswordRole(TestDatabase database, String name) {
        this.database = database;
        this.name = name;
    }

    public static PasswordRole create(TestDatabase database, String password) {
        String name = "rotating_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        PasswordRole role = new PasswordRole(database, name);
        database.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password.replace("'", "''") + "';"
                + "GRANT CONNECT ON DATABASE \"" + database.location().database() + "\" TO " + name + ";"
                + "GRANT USAGE ON SCHEMA public TO " + name + ";"
                + "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + name + ";"
                + "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + name + ";");
        role.requirePasswords();
        return role;
    }

    public String name() {
        return name;
    }

    /** The test database's server and name, with no user or password: what a secret completes. */
    public DatabaseLocation locationWithoutCredentials() {
        DatabaseLocation location = database.location();
        return new DatabaseLocation(location.host(), location.port(), location.database(), null, null, location.query());
    }

    /** What a rotation does to the database: the role's password changes (its open sessions stay). */
    public void changePassword(String password) {
        database.execute("ALTER ROLE " + name + " PASSWORD '" + password.replace("'", "''") + "'");
    }

    /** Ends the role's open sessions, so that the next use must log in again. */
    public void endSessions() {
        database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + name + "'");
    }

    /** Whether a login as this role with {@code password} succeeds. */
    public boolean logsIn(String password) {
        DatabaseLocation location = database.location();
        Properties properties = new Properties();
        properties.setProperty("user", name);
        properties.setProperty("password", password);
        try (Connection ignored = DriverManager.getConnection(location.jdbcUrl(), properties)) {
            return true;
        } catch (SQLException e) {
            if ("28P01".equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("a login as " + name + " failed with SQLSTATE " + e.getSQLState(), e);
        }
    }

    private void requirePasswords() {
        String wrong = "not-the-password";
        if (!logsIn(wrong)) {
            return;
        }
        Path file = Path.of(database.queryValue("SHOW hba_file", String.class));
        Assumptions.assumeTrue(Files.isWritable(file),
                "this PostgreSQL trusts local logins and its pg_hba.conf is not here to change: no password to rotate");
        for (String address : List.of("127.0.0.1/32", "::1/128")) {
            hbaLines.add("host \"" + database.location().database() + "\" " + name + " " + address + " scram-sha-256");
        }
        hbaFile = file;
        try {
            List<String> lines = new ArrayList<>(hbaLines);
            lines.addAll(Files.readAllLines(file));
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reload();
        for (int attempt = 0; attempt < 50 && logsIn(wrong); attempt++) {
            sleep();
        }
        if (logsIn(wrong)) {
            throw new IllegalStateException("PostgreSQL still lets " + name + " in with any password");
        }
    }

    private void reload() {
        database.execute("SELECT pg_reload_conf()");
    }

    @Override
    public void close() {
        if (hbaFile != null) {
            try {
                List<String> lines = new ArrayList<>(Files.readAllLines(hbaFile));
                lines.removeAll(hbaLines);
                Files.write(hbaFile, lines);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            reload();
        }
        endSessions();
        database.execute("DROP OWNED BY " + name + "; DROP ROLE " + name);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
