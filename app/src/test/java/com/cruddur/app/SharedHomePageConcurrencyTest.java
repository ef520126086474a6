package com.cruddur.app;

import static com.cruddur.app.SharedHomePageTest.awaitShared;
import static com.cruddur.app.SharedHomePageTest.awaitTrue;
import static com.cruddur.app.SharedHomePageTest.nodes;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestData;
import com.cruddur.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reads of the shared page racing with changes. To hold a read of the page inside PostgreSQL, after its snapshot was
 * taken, {@code users} becomes a view over the table that sleeps (once per statement, in an init plan) for as long
 * as {@code feed_pause} says: the home feed's statement joins it, so while a pause is set its read sees the rows as
 * of its start and returns them seconds later.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedHomePageConcurrencyTest {

    private TestDatabase database;
    private RunningServer server;
    private StatementTally tally;
    private UUID grace;

    @BeforeAll
    void start(TestDatabase database) {
        this.database = database;
        TestData data = new TestData(database);
        grace = data.user("grace").displayName("Grace").insert();
        for (int i = 1; i <= 30; i++) {
            data.crud(grace, "crud " + i, Duration.ofMinutes(i), null);
        }
        database.execute("""
                CREATE TABLE feed_pause (seconds double precision NOT NULL);
                CREATE FUNCTION feed_pause() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
                DECLARE pause double precision;
                BEGIN
                  SELECT seconds INTO pause FROM feed_pause;
                  IF pause IS NOT NULL THEN PERFORM pg_sleep(pause); END IF;
                  RETURN true;
                END $$;
                ALTER TABLE users RENAME TO users_stored;
                CREATE VIEW users AS SELECT * FROM users_stored WHERE (SELECT feed_pause());""");
        // Enough workers and connections that every request of a burst executes at once.
        server = RunningServer.start(database, Map.of("GRAPHQL_WORKERS", "24", "DB_POOL_SIZE", "24", "DB_POOL_TIMEOUT_MS", "10000"));
        tally = StatementTally.on(server);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aReadThatStartedBeforeAChangeDoesNotKeepWhatItReadAfterIt() throws Exception {
        awaitShared(server, tally);
        pause(1.5);
        changedElsewhere("Grace");  // drops the page: the next read reads it again
        Thread.sleep(200);
        CompletableFuture<List<JsonNode>> before = CompletableFuture.supplyAsync(() -> nodes(server, 20));
        awaitPausedReads(1);

        // Another instance renames grace and notifies, while the read above holds its snapshot of before.
        pause(0);
        changedElsewhere("Grace Hopper");
        List<JsonNode> slow = before.get(10, TimeUnit.SECONDS);
        assertThat(slow.get(0).at("/author/displayName").asText()).as("the slow read, as of its start").isEqualTo("Grace");

        assertThat(nodes(server, 20)).as("every read after it").allSatisfy(node ->
                assertThat(node.at("/author/displayName").asText()).isEqualTo("Grace Hopper"));
        awaitShared(server, tally);
        assertThat(nodes(server, 20).get(0).at("/author/displayName").asText()).isEqualTo("Grace Hopper");
    }

    @Test
    void aBurstOfReadsAfterAChangeReadsThePageOnce() throws Exception {
        awaitShared(server, tally);
        pause(1);
        changedElsewhere("Grace");
        Thread.sleep(200);
        int before = tally.homeFeedFirstPages();
        int burst = 24;
        ExecutorService clients = Executors.newFixedThreadPool(burst);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<JsonNode>>> reads = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                reads.add(clients.submit(() -> {
                    start.await();
                    return nodes(server, 20);
                }));
            }
            start.countDown();
            awaitPausedReads(1);
            Thread.sleep(300);
            assertThat(pausedReads()).as("statements reading the page while the burst waits").isEqualTo(1);
            pause(0);

            List<JsonNode> first = reads.get(0).get(10, TimeUnit.SECONDS);
            for (Future<List<JsonNode>> read : reads) {
                assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(first).hasSize(20);
            }
            assertThat(first.get(0).at("/message").asText()).isEqualTo("crud 1");
        } finally {
            clients.shutdownNow();
        }
        assertThat(tally.homeFeedFirstPages() - before).as("reads of the page for " + burst + " requests").isEqualTo(1);
    }

    /** As another instance's updateProfile: the change and its notification in one statement. */
    private void changedElsewhere(String displayName) {
        database.execute("WITH changed AS (UPDATE users_stored SET display_name = '" + displayName + "' WHERE uuid = '"
                + grace + "' RETURNING uuid) SELECT pg_notify('user_changed', uuid::text) FROM changed");
    }

    private void pause(double seconds) {
        database.execute("DELETE FROM feed_pause" + (seconds > 0 ? "; INSERT INTO feed_pause VALUES (" + seconds + ")" : ""));
    }

    private void awaitPausedReads(int count) {
        awaitTrue(count + " paused read(s)", () -> pausedReads() >= count);
    }

    private long pausedReads() {
        return database.queryValue("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND application_name = 'cruddur' AND wait_event = 'PgSleep'", Long.class);
    }
}
