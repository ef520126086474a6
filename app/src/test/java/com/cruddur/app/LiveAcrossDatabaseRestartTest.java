package com.cruddur.app;

import static com.cruddur.app.GraphQlOverWebSocketTest.ACTIVITY_CREATED;
import static com.cruddur.app.GraphQlOverWebSocketTest.CREATE;
import static com.cruddur.app.GraphQlOverWebSocketTest.awaitSubscribed;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.database.DatabaseLocation;
import com.cruddur.database.EmbeddedPostgresServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscriber across a database restart, on a PostgreSQL of the test's own. While the database is away, and then
 * back but out of the server's reach, another writer commits cruds (notifying, as every instance does): nobody
 * listens then, so only the server's catch-up can deliver them. The subscriber must get every crud exactly once, in
 * order: those before, those in the gap, those after.
 */
class LiveAcrossDatabaseRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataDirectory;

    @Test
    void aDatabaseRestartLosesAndDuplicatesNothing() throws Exception {
        int port = freePort();
        EmbeddedPostgresServer database = EmbeddedPostgresServer.startPersistent(dataDirectory, port);
        try {
            database.createDatabaseIfMissing("cruddur");
            DatabaseLocation location = database.location("cruddur");
            try (RunningServer server = RunningServer.startWithLocalIssuer(location.libpqUrl(), Map.of(), java.time.Clock.systemUTC());
                 WsClient client = WsClient.connect(server.port()).init(null)) {
                run(location, "INSERT INTO users (display_name, handle, email, cognito_user_id)"
                        + " VALUES ('Dana', 'dana', 'dana@example.com', 'sub-dana')");
                String dana = server.bearer("sub-dana");
                client.subscribe("feed", ACTIVITY_CREATED, null);
                awaitSubscribed();

                List<String> expected = new ArrayList<>();
                for (int i = 1; i <= 3; i++) {
                    expected.add(create(server, "before " + i, dana));
                }
                assertThat(received(client, 3)).isEqualTo(expected);

                database.close();
                int elsewhere = freePort();
                database = EmbeddedPostgresServer.startPersistent(dataDirectory, elsewhere);
                DatabaseLocation unseen = location.withPort(elsewhere);
                for (int i = 1; i <= 5; i++) {
                    expected.add(insertAndNotify(unseen, "while the server could not see the database " + i));
                }
                database.close();
                database = EmbeddedPostgresServer.startPersistent(dataDirectory, port);

                long deadline = System.nanoTime() + WAIT.toNanos();
                String after = null;
                while (after == null && System.nanoTime() < deadline) {
                    after = tryCreate(server, "after 1", dana);
                    if (after == null) {
                        Thread.sleep(200);
                    }
                }
                assertThat(after).as("the server writes again").isNotNull();
                expected.add(after);
                expected.add(create(server, "after 2", dana));

                List<String> delivered = received(client, 7);
                assertThat(delivered).isEqualTo(expected.subList(3, 10));
                assertThat(client.drain(Duration.ofSeconds(1))).isEmpty();
            }
        } finally {
            database.close();
        }
    }

    private static String create(RunningServer server, String message, String authorization) {
        String uuid = tryCreate(server, message, authorization);
        assertThat(uuid).as("created " + message).isNotNull();
        return uuid;
    }

    /** The new crud's uuid, or null when the server could not write it (the database is not back yet). */
    private static String tryCreate(RunningServer server, String message, String authorization) {
        var response = server.postGraphQl(CREATE, Map.of("message", message), authorization);
        JsonNode uuid = RunningServer.read(response.body()).at("/data/createActivity/activity/uuid");
        return response.statusCode() == 200 && uuid.isTextual() ? uuid.asText() : null;
    }

    private static List<String> received(WsClient client, int count) {
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode next = client.next(WAIT);
            assertThat(next).as("message " + (i + 1) + " of " + count + " after " + uuids).isNotNull();
            uuids.add(next.at("/payload/data/activityCreated/uuid").asText());
        }
        return uuids;
    }

    /** What another instance's createActivity does: the insert and its notification in one statement. */
    private static String insertAndNotify(DatabaseLocation location, String message) throws SQLException {
        try (Connection connection = DriverManager.getConnection(location.jdbcUrl(), location.user(), location.password());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("""
                     WITH inserted AS (
                       INSERT INTO activities (user_uuid, message, expires_at)
                       SELECT uuid, '%s', now() + interval '1 day' FROM users WHERE handle = 'dana'
                       RETURNING uuid)
                     SELECT uuid, pg_notify('activity_created', uuid::text) FROM inserted""".formatted(message))) {
            row.next();
            return row.getString(1);
        }
    }

    private static void run(DatabaseLocation location, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(location.jdbcUrl(), location.user(), location.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
