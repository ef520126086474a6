package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.app.auth.CapturedLog;
import com.cruddur.database.DevelopmentSeed;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import com.cruddur.testing.TestPostgresServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a client sees when something goes wrong that is not its fault: never success, never internals, a code it
 * can act on, and a request id that finds the details in the server's log.
 */
@ExtendWith(PostgresExtension.class)
class FailuresOverHttpTest {

    private static final String ERROR_LOG = "com.cruddur.app.graphql.ErrorClassifier";
    private static final String USER = "{ user(handle: \"andrewbrown\") { handle bio } }";
    private static final String FEED = "{ homeFeed(first: 5) { nodes { message } } }";

    @Test
    void aBugIsInternalWithARequestIdThatTheLogHasAndNoInternalsInTheAnswer() {
        try (TestDatabase database = TestPostgresServer.get().createDatabase()) {
            DevelopmentSeed.apply(database.dataSource());
            // A schema the code does not expect: the query for a user now fails inside the database.
            database.execute("ALTER TABLE users RENAME COLUMN bio TO biography");
            try (RunningServer server = RunningServer.start(database); CapturedLog log = new CapturedLog(ERROR_LOG)) {
                HttpResponse<String> response = server.postGraphQl(USER, Map.of());

                JsonNode error = RunningServer.read(response.body()).at("/errors/0");
                String requestId = error.at("/extensions/requestId").asText();
                assertThat(error.at("/extensions/code").asText()).isEqualTo("INTERNAL");
                assertThat(requestId).isNotBlank();
                assertThat(response.headers().firstValue("X-Request-Id")).contains(requestId);
                assertThat(response.body()).doesNotContain("biography", "does not exist", "PSQLException", "42703");
                assertThat(RunningServer.read(response.body()).at("/data/user").isNull()).isTrue();
                assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains(requestId));
            }
        }
    }

    @Test
    void aStatementOverTheTimeoutIsUnavailableWithRetryAfterAndNeverAHang(TestDatabase database) throws Exception {
        DevelopmentSeed.apply(database.dataSource());
        try (RunningServer server = RunningServer.start(database, Map.of("DB_STATEMENT_TIMEOUT_MS", "300"));
             Connection blocker = database.dataSource().getConnection();
             Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE activities IN ACCESS EXCLUSIVE MODE");

            HttpResponse<String> response = server.postGraphQl(FEED, Map.of());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).contains("1");
            assertThat(RunningServer.read(response.body()).at("/errors/0/extensions/code").asText()).isEqualTo("UNAVAILABLE");
            blocker.rollback();
            assertThat(server.postGraphQl(FEED, Map.of()).statusCode()).as("once the lock is gone").isEqualTo(200);
        }
    }

    @Test
    void aRequestThatFindsEveryExecutionSlotTakenWaitsAtMostThePoolTimeoutThenIsUnavailable(TestDatabase database) throws Exception {
        DevelopmentSeed.apply(database.dataSource());
        try (RunningServer server = RunningServer.start(database, Map.of("GRAPHQL_WORKERS", "1", "DB_POOL_TIMEOUT_MS", "300"));
             Connection blocker = database.dataSource().getConnection();
             Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE activities IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> server.postGraphQl(FEED, Map.of()));
            awaitASessionWaitingForALock(database);

            long started = System.nanoTime();
            HttpResponse<String> second = server.postGraphQl(FEED, Map.of());

            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no hang").isLessThan(Duration.ofSeconds(5));
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.headers().firstValue("Retry-After")).contains("1");
            assertThat(RunningServer.read(second.body()).at("/errors/0/extensions/code").asText()).isEqualTo("UNAVAILABLE");
            blocker.rollback();
            assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).as("the request holding the slot").isEqualTo(200);
            assertThat(server.postGraphQl(FEED, Map.of()).statusCode()).as("the slot, free again").isEqualTo(200);
        }
    }

    private static void awaitASessionWaitingForALock(TestDatabase database) throws Exception {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (int attempt = 0; attempt < 100; attempt++) {
                try (ResultSet waiting = statement.executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")) {
                    waiting.next();
                    if (waiting.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the first request never reached the locked table");
    }
}
