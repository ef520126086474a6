package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.database.DevelopmentSeed;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HomeFeedOverHttpTest {

    private static final String FEED = """
            query Feed($first: Int, $after: String) {
              homeFeed(first: $first, after: $after) {
                edges { cursor }
                nodes { uuid message createdAt expiresAt author { handle displayName } }
                pageInfo { hasNextPage endCursor }
              }
            }""";

    private RunningServer server;

    @BeforeAll
    void start(TestDatabase database) {
        DevelopmentSeed.apply(database.dataSource());
        server = RunningServer.start(database);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theFeedShowsTheSeededCrudsNewestFirstWithTheirAuthors() {
        JsonNode nodes = server.graphQl(FEED, Map.of("first", 2)).at("/data/homeFeed/nodes");

        assertThat(nodes).hasSize(2);
        assertThat(nodes.get(0).get("message").asText()).isEqualTo("This was imported as seed data!");
        assertThat(nodes.get(0).at("/author/handle").asText()).isEqualTo("andrewbrown");
        assertThat(nodes.get(0).at("/author/displayName").asText()).isEqualTo("Andrew Brown");
        assertThat(nodes.get(1).get("message").asText()).isEqualTo("I am the other!");
        assertThat(nodes.get(1).at("/author/handle").asText()).isEqualTo("altbrown");
        assertThat(nodes.get(0).get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void pagingThroughTheWholeFeedSkipsExpiredCrudsAndReplies() {
        List<String> messages = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, Object> variables = new HashMap<>();
            variables.put("first", 20);
            variables.put("after", after);
            JsonNode feed = server.graphQl(FEED, variables).at("/data/homeFeed");
            feed.get("nodes").forEach(node -> messages.add(node.get("message").asText()));
            after = feed.at("/pageInfo/hasNextPage").asBoolean() ? feed.at("/pageInfo/endCursor").asText() : null;
            pages++;
        } while (after != null);

        assertThat(pages).isGreaterThan(1);
        assertThat(messages).hasSize(32).doesNotHaveDuplicates()
                .contains("This was imported as seed data!", "I am the other!")
                .noneMatch(message -> message.contains("expired"))
                .noneMatch(message -> message.contains("a reply"));
    }

    @Test
    void anOutOfRangePageSizeIsAClearErrorNotAClamp() {
        JsonNode body = server.graphQl(FEED, Map.of("first", 101));

        assertThat(body.get("data").isNull()).as("homeFeed is non-null, so the error nulls data").isTrue();
        assertThat(body.at("/errors/0/message").asText()).contains("first must be between 1 and 100");
        assertThat(body.at("/errors/0/extensions/code").asText()).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void getWithTheQueryInTheUrlAnswersToo() {
        HttpResponse<String> response = server.get("/graphql?query=%7BhomeFeed(first:1)%7Bnodes%7Bmessage%7D%7D%7D");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RunningServer.read(response.body()).at("/data/homeFeed/nodes/0/message").asText())
                .isEqualTo("This was imported as seed data!");
    }

    @Test
    void graphiqlAndEveryAssetItLoadsAreServedByTheApp() {
        HttpResponse<String> page = server.get("/graphiql");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));

        List<String> assets = new ArrayList<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(?:src|href)=\"(/webjars/[^\"]+)\"").matcher(page.body());
        while (matcher.find()) {
            assets.add(matcher.group(1));
        }
        assertThat(assets).hasSize(4).noneMatch(asset -> asset.contains("${"));
        for (String asset : assets) {
            assertThat(server.get(asset).statusCode()).as(asset).isEqualTo(200);
        }
        assertThat(page.body()).doesNotContain("https://");
    }

    @Test
    void theHealthCheckSaysTheDatabaseAnswers() {
        HttpResponse<String> response = server.get("/api/health-check");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RunningServer.read(response.body()).get("database").asText()).isEqualTo("up");
    }
}
