package com.cruddur.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Loads {@code sql/seed.sql}, the development data, in one transaction. The file itself is idempotent. */
public final class DevelopmentSeed {

    private DevelopmentSeed() {
    }

    public static void apply(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(seedSql());
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("loading the seed failed: " + e.getMessage(), e);
        }
    }

    /** Seeds a database that has no users yet; returns whether it did. */
    public static boolean applyIfEmpty(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM users)")) {
            rows.next();
            if (rows.getBoolean(1)) {
                return false;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("checking for existing users failed: " + e.getMessage(), e);
        }
        apply(dataSource);
        return true;
    }

    private static String seedSql() {
        try (InputStream in = DevelopmentSeed.class.getResourceAsStream("/db/seed.sql")) {
            if (in == null) {
                throw new IllegalStateException("db/seed.sql is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
