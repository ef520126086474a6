package com.cruddur.app;

import static com.cruddur.app.SharedHomePageTest.awaitShared;
import static com.cruddur.app.SharedHomePageTest.awaitTrue;
import static com.cruddur.app.SharedHomePageTest.nodes;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.database.DatabaseLocation;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestData;
import com.cruddur.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared page without its listening connection. The test kills the server's listening backend
 * ({@code pg_terminate_backend}) while the database refuses new connections ({@code ALLOW_CONNECTIONS false}: the
 * pool keeps the connections it has, the listener cannot come back), so the server hears nothing of what another
 * instance then writes. Reads must go to the database meanwhile (and show those writes at once); once the listener
 * is back, the page is shared again and has caught up.
 */
@ExtendWith(PostgresExtension.class)
class SharedHomePageListenerTest {

    @Test
    void whileTheListenerIsDownReadsGoToTheDatabaseAndOnceBackThePageHasCaughtUp(TestDatabase database) throws Exception {
        UUID frank = new TestData(database).user("frank").insert();
        new TestData(database).crud(frank, "before", Duration.ofMinutes(1), null);
        DatabaseLocation location = database.location();
        DatabaseLocation maintenance = location.withDatabase("postgres");
        try (RunningServer server = RunningServer.start(database);
             // Opened before the database refuses new connections: another instance's, and one to switch that.
             Connection elsewhere = DriverManager.getConnection(location.jdbcUrl(), location.user(), location.password());
             Connection admin = DriverManager.getConnection(maintenance.jdbcUrl(), maintenance.user(), maintenance.password())) {
            StatementTally tally = StatementTally.on(server);
            awaitShared(server, tally);

            String name = location.database();
            execute(admin, "ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
            try {
                assertThat(count(elsewhere, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE application_name = 'cruddur-listener' AND datname = current_database()"))
                        .as("listening backends terminated").isEqualTo(1);
                awaitTrue("a read goes to the database", () -> tally.count(() -> nodes(server, 20)).statements() > 0);

                for (int i = 1; i <= 5; i++) {
                    String uuid = insertAndNotify(elsewhere, frank, "while nobody listens " + i);
                    StatementTally.Counted<String> top = tally.count(() -> nodes(server, 20).get(0).at("/uuid").asText());
                    assertThat(top.value()).as("another instance's crud, at once: the read went to the database").isEqualTo(uuid);
                    assertThat(top.statements()).as("statements of the read").isEqualTo(1);
                    Thread.sleep(300);
                }
                assertThat(count(elsewhere, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'cruddur-listener'"))
                        .as("the listener is still away").isZero();
            } finally {
                execute(admin, "ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
            }
            String missed = insertAndNotify(elsewhere, frank, "just before the listener is back");

            awaitShared(server, tally);
            assertThat(nodes(server, 20).get(0).at("/uuid").asText()).as("caught up").isEqualTo(missed);
            assertThat(nodes(server, 20)).hasSize(7);
            // And hearing again: the next write elsewhere replaces the shared page.
            String after = insertAndNotify(elsewhere, frank, "after");
            awaitTrue("the write after the return", () -> nodes(server, 20).get(0).at("/uuid").asText().equals(after));
        }
    }

    /** What another instance's createActivity does: the insert and its notification in one statement. */
    private static String insertAndNotify(Connection connection, UUID author, String message) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("""
                     WITH inserted AS (
                       INSERT INTO activities (user_uuid, message, expires_at)
                       VALUES ('%s', '%s', now() + interval '1 day')
                       RETURNING uuid)
                     SELECT uuid, pg_notify('activity_created', uuid::text) FROM inserted""".formatted(author, message))) {
            row.next();
            return row.getString(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
