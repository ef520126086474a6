package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.database.DevelopmentSeed;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Starting and stopping: the embedded default keeps its data, and a stop lets requests in flight finish. */
@ExtendWith(PostgresExtension.class)
class LifecycleTest {

    private static final String FEED_QUERY = "{\"query\":\"{ homeFeed(first: 1) { nodes { message } } }\"}";

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void theEmbeddedDefaultIsSeededOnceAndKeepsItsDataAcrossRestarts(@TempDir Path data) throws Exception {
        Map<String, String> env = Map.of("PORT", "0", "MANAGEMENT_PORT", "0", "EMBEDDED_DB_DIR", data.toString(),
                "EMBEDDED_DB_PORT", String.valueOf(freePort()));
        String databaseUrl = "jdbc:postgresql://localhost:" + env.get("EMBEDDED_DB_PORT") + "/cruddur";

        try (Application first = Application.start(AppConfig.fromEnvironment(env))) {
            assertThat(firstMessage(first)).isEqualTo("This was imported as seed data!");
            try (Connection connection = DriverManager.getConnection(databaseUrl, "postgres", null);
                 Statement statement = connection.createStatement()) {
                statement.execute("UPDATE activities SET message = 'Edited before the restart' "
                        + "WHERE message = 'This was imported as seed data!'");
                try (var fsync = statement.executeQuery("SHOW fsync")) {
                    fsync.next();
                    assertThat(fsync.getString(1)).as("the development data survives a crash").isEqualTo("on");
                }
            }
        }

        try (Application second = Application.start(AppConfig.fromEnvironment(env))) {
            assertThat(firstMessage(second)).isEqualTo("Edited before the restart");
        }
    }

    @Test
    void stoppingLetsARequestInFlightFinish(TestDatabase database) throws Exception {
        DevelopmentSeed.apply(database.dataSource());
        Application application = Application.start(AppConfig.fromEnvironment(Map.of(
                "CONNECTION_URL", database.location().libpqUrl(), "PORT", "0", "MANAGEMENT_PORT", "0", "MIGRATE_ON_START", "false")));
        CompletableFuture<HttpResponse<String>> inFlight;
        try (Connection blocker = database.dataSource().getConnection(); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE activities IN ACCESS EXCLUSIVE MODE");
            inFlight = client.sendAsync(feedRequest(application), HttpResponse.BodyHandlers.ofString());
            waitUntilBlocked(database);
            CompletableFuture.runAsync(application::close);
            Thread.sleep(300);
            blocker.commit();
        }

        HttpResponse<String> response = inFlight.get();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RunningServer.read(response.body()).at("/data/homeFeed/nodes/0/message").asText())
                .isEqualTo("This was imported as seed data!");
    }

    @Test
    void aConnectionUrlWithoutCredentialsTakesThemFromPgUserAndPgPassword(TestDatabase database) throws Exception {
        DevelopmentSeed.apply(database.dataSource());
        var location = database.location();
        Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "MANAGEMENT_PORT", "0", "PGUSER", location.user(),
                "CONNECTION_URL", "postgresql://" + location.host() + ":" + location.port() + "/" + location.database()));
        if (location.password() != null) {
            env.put("PGPASSWORD", location.password());
        }

        try (Application application = Application.start(AppConfig.fromEnvironment(env))) {
            assertThat(firstMessage(application)).isEqualTo("This was imported as seed data!");
            assertThat(database.queryValue("SELECT count(DISTINCT usename) FROM pg_stat_activity "
                    + "WHERE application_name IN ('cruddur', 'cruddur-probe') AND usename = '" + location.user() + "'", Long.class))
                    .isEqualTo(1);
        }
    }

    private String firstMessage(Application application) throws Exception {
        HttpResponse<String> response = client.send(feedRequest(application), HttpResponse.BodyHandlers.ofString());
        JsonNode body = RunningServer.read(response.body());
        return body.at("/data/homeFeed/nodes/0/message").asText();
    }

    private static HttpRequest feedRequest(Application application) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + application.port() + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FEED_QUERY))
                .build();
    }

    private static void waitUntilBlocked(TestDatabase database) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (database.queryValue("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    + "AND datname = current_database()", Long.class) > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the feed request never reached the database");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
