package com.cruddur.testing;

import com.cruddur.database.DatabaseLocation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** A database of a test's own on the run's {@link TestPostgresServer}, dropped when closed. */
public final class TestDatabase implements AutoCloseable {

    private final TestPostgresServer server;
    private final DatabaseLocation location;
    private final DataSource dataSource;

    TestDatabase(TestPostgresServer server, DatabaseLocation location) {
        this.server = server;
        this.location = location;
        this.dataSource = TestPostgresServer.dataSource(location);
    }

    public DatabaseLocation location() {
        return location;
    }

    /** Unpooled connections: each call opens a new one, so tests see exactly what a fresh client sees. */
    public DataSource dataSource() {
        return dataSource;
    }

    public Jdbi jdbi() {
        return Jdbi.create(dataSource);
    }

    /** Runs one or more SQL statements in one transaction. */
    public void execute(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The single value the query returns (a count, say). */
    public <T> T queryValue(String sql, Class<T> type) {
        return jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(type).one());
    }

    @Override
    public void close() {
        server.drop(location.database());
    }
}
