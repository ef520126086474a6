package com.cruddur.app;

import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/** {@code GET /api/health-check}: 200 when the database answers, 503 when it does not. */
final class HealthCheck {

    private static final int DATABASE_CHECK_SECONDS = 2;

    private final DataSource dataSource;

    HealthCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void handle(Context ctx) {
        boolean databaseUp = databaseAnswers();
        ctx.status(databaseUp ? 200 : 503).json(Map.of(
                "status", databaseUp ? "ok" : "unavailable",
                "database", databaseUp ? "up" : "down"));
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(DATABASE_CHECK_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }
}
