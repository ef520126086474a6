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

/** The N+1 guard: how many SQL statements a page of the feed costs must not grow with the page. */
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

    private final AtomicInteger statements = new AtomicInteger();
    private RunningServer server;

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
        server = RunningServer.start(database);
        server.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                statements.incrementAndGet();
            }
        });
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aFullFeedPageCostsAtMostThreeStatementsWhateverItsSize() {
        int forFive = statementsFor(5);
        int forHundred = statementsFor(100);

        assertThat(forHundred).isEqualTo(forFive).isLessThanOrEqualTo(3);
    }

    private int statementsFor(int first) {
        statements.set(0);
        JsonNode nodes = server.graphQl(EVERY_ACTIVITY_FIELD, Map.of("first", first)).at("/data/homeFeed/nodes");
        assertThat(nodes).hasSize(first);
        assertThat(nodes).anySatisfy(node -> assertThat(node.at("/replies/nodes")).hasSize(2));
        assertThat(nodes).allSatisfy(node -> assertThat(node.at("/author/crudsCount").asInt()).isBetween(1, 3));
        return statements.get();
    }
}
