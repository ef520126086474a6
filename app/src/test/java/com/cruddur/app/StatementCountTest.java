package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The N+1 guard: how many SQL statements a page of the feed costs must not grow with the page; with the shared
 * home-feed page on, a read it answers runs none of its own. Statements are counted on each server's {@code Jdbi}
 * (every statement any of its modules runs, on any thread), one server with the page off and one with it on.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementCountTest {

    private static final String EVERY_ACTIVITY_FIELD = """
            query ($first: Int) {
              homeFeed(first: $first) {
                edges { cursor }
                nodes {
                  uuid message repliesCount repostsCount likesCount expiresAt createdAt
                  replyTo { uuid message }
                  replies(first: 5) { nodes { uuid message createdAt } pageInfo { hasNextPage endCursor } }
                  author { handle displayName crudsCount }
                }
                pageInfo { hasNextPage endCursor }
              }
            }""";
    /** What the web client's home page shows: the page's rows and their authors, nothing read per row. */
    private static final String ROWS_AND_AUTHORS = """
            query ($first: Int) {
              homeFeed(first: $first) {
                edges { cursor }
                nodes { uuid message repliesCount repostsCount likesCount expiresAt createdAt author { uuid handle displayName bio } }
                pageInfo { hasNextPage endCursor }
              }
            }""";

    private final AtomicInteger offStatements = new AtomicInteger();
    private final AtomicInteger onStatements = new AtomicInteger();
    private RunningServer off;
    private RunningServer on;

    @BeforeAll
    void start(TestDatabase database) {
        // 120 cruds by 120 different authors, one minute apart, each even-numbered one with two replies:
        // any per-row lookup would show, and every page holds cruds with and without replies.
        database.execute("""
                INSERT INTO users (display_name, handle, email, cognito_user_id)
                SELECT 'Author ' || n, 'author' || n, 'author' || n || '@example.com', 'sub-' || n
                FROM generate_series(1, 120) AS n;
                INSERT INTO activities (user_uuid, message, created_at, expires_at)
                SELECT users.uuid, 'crud by ' || users.handle, now() - n * interval '1 minute', now() + interval '1 day'
                FROM generate_series(1, 120) AS n JOIN users ON users.handle = 'author' || n;
                INSERT INTO activities (user_uuid, message, reply_to_activity_uuid)
                SELECT crud.user_uuid, 'reply ' || r, crud.uuid
                FROM activities AS crud JOIN users ON users.uuid = crud.user_uuid, generate_series(1, 2) AS r
                WHERE substring(users.handle FROM 7)::int % 2 = 0;""");
        off = RunningServer.start(database, Map.of("FEED_CACHE", "off"));
        on = RunningServer.start(database, Map.of("FEED_CACHE", "on"));
        count(off, offStatements);
        count(on, onStatements);
    }

    private static void count(RunningServer server, AtomicInteger statements) {
        server.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                statements.incrementAndGet();
            }
        });
    }

    @AfterAll
    void stop() {
        off.close();
        on.close();
    }

    @Test
    void withTheSharedPageOffAFullFeedPageCostsAtMostThreeStatementsWhateverItsSize() {
        int forFive = statementsFor(off, offStatements, 5);
        int forHundred = statementsFor(off, offStatements, 100);

        assertThat(forHundred).isEqualTo(forFive).isLessThanOrEqualTo(3);
        assertThat(statementsFor(off, offStatements, 5)).as("again").isEqualTo(forFive);
    }

    @Test
    void withTheSharedPageOnAFullFeedPageCostsOnlyTheStatementsOfItsNestedLists() {
        int first = statementsFor(on, onStatements, 5);
        int forFive = statementsFor(on, onStatements, 5);
        int forHundred = statementsFor(on, onStatements, 100);

        assertThat(first).as("the first read of the page").isLessThanOrEqualTo(3);
        // The replies and the authors' counts are not part of the shared page: one statement each, as before.
        assertThat(forHundred).isEqualTo(forFive).isEqualTo(2);
        assertThat(on.graphQl(EVERY_ACTIVITY_FIELD, Map.of("first", 100)))
                .as("the same answer as without the shared page")
                .isEqualTo(off.graphQl(EVERY_ACTIVITY_FIELD, Map.of("first", 100)));
    }

    @Test
    void aReadTheSharedPageAnswersRunsNoStatementWhateverItsSize() {
        on.graphQl(ROWS_AND_AUTHORS, Map.of("first", 1));
        for (int first : new int[] {1, 5, 20, 99, 100}) {
            onStatements.set(0);
            JsonNode cached = on.graphQl(ROWS_AND_AUTHORS, Map.of("first", first));

            assertThat(onStatements.get()).as("statements for first: " + first).isZero();
            assertThat(cached.at("/data/homeFeed/nodes")).hasSize(first);
            assertThat(cached).as("the same answer as the database's").isEqualTo(off.graphQl(ROWS_AND_AUTHORS, Map.of("first", first)));
        }
        offStatements.set(0);
        off.graphQl(ROWS_AND_AUTHORS, Map.of("first", 20));
        assertThat(offStatements.get()).as("with the shared page off").isEqualTo(1);
        assertThat(on.metrics()).containsPattern("(?m)^feed_shared_page_reads_total\\{outcome=\"hit\"[^}]*} [1-9]");
        assertThat(off.metrics()).doesNotContain("feed_shared_page_reads_total");
    }

    private static int statementsFor(RunningServer server, AtomicInteger statements, int first) {
        statements.set(0);
        JsonNode nodes = server.graphQl(EVERY_ACTIVITY_FIELD, Map.of("first", first)).at("/data/homeFeed/nodes");
        assertThat(nodes).hasSize(first);
        assertThat(nodes).anySatisfy(node -> assertThat(node.at("/replies/nodes")).hasSize(2));
        assertThat(nodes).allSatisfy(node -> assertThat(node.at("/author/crudsCount").asInt()).isBetween(1, 3));
        return statements.get();
    }
}
