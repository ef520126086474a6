package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The abuse limits: each refuses with a 400 and a clear message, whatever the response media type. One server
 * runs the defaults in development, another runs in production with every limit set from the environment.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryLimitsTest {

    private RunningServer development;
    private RunningServer production;

    @BeforeAll
    void start(TestDatabase database) {
        development = RunningServer.start(database);
        production = RunningServer.start(database, Map.of(
                "CRUDDUR_ENV", "production",
                "ALLOW_ANONYMOUS_ONLY", "true",
                "GRAPHQL_MAX_DEPTH", "4",
                "GRAPHQL_MAX_COMPLEXITY", "100",
                "GRAPHQL_MAX_TOKENS", "40"));
    }

    @AfterAll
    void stop() {
        development.close();
        production.close();
    }

    @Test
    void aQueryNestedDeeperThanTenIsRefused() {
        // Depth counts fields from the root to the leaf: homeFeed is 1, the final handle 10.
        String tenDeep = "{ homeFeed(first: 1) { nodes { replies(first: 1) { nodes { author { activities(first: 1) { nodes {"
                + " replyTo { author { handle } } } } } } } } } }";
        String elevenDeep = "{ homeFeed(first: 1) { nodes { replies(first: 1) { nodes { author { activities(first: 1) { nodes {"
                + " replyTo { replyTo { author { handle } } } } } } } } } } }";

        assertThat(status(development, tenDeep, "application/graphql-response+json")).isEqualTo(200);
        assertRefused(development, elevenDeep, "QUERY_TOO_DEEP", "11 deep; at most 10");
        assertRefused(production, "{ homeFeed(first: 1) { nodes { author { activities(first: 1) { nodes { uuid } } } } } }",
                "QUERY_TOO_DEEP", "6 deep; at most 4");
    }

    @Test
    void paginatedFieldsCostTheirPageSizeTimesTheirChildren() {
        String tenPages = "{ homeFeed(first: 10) { nodes { replies(first: 100) { nodes { uuid message createdAt } } } } }";
        String hundredPages = "{ homeFeed(first: 100) { nodes { replies(first: 100) { nodes { uuid message createdAt } } } } }";

        assertThat(status(development, tenPages, "application/graphql-response+json")).as("1 + 10 × (1 + 1 + 100 × 4)").isEqualTo(200);
        assertRefused(development, hundredPages, "QUERY_TOO_COMPLEX", "40201 values; at most 25000");
        assertRefused(production, "{ homeFeed { nodes { uuid message createdAt expiresAt likesCount } } }", "QUERY_TOO_COMPLEX",
                "121 values; at most 100"); // first defaults to 20: 1 + 20 × (1 + 5)
    }

    @Test
    void theCostOfOneDocumentFollowsItsVariablesEachTime() {
        String pages = "query ($pages: Int) { homeFeed(first: $pages) { nodes { replies(first: 100) { nodes { uuid message createdAt } } } } }";

        for (int round = 0; round < 2; round++) {
            assertThat(development.graphQl(pages, Map.of("pages", 10)).has("errors")).as("10 pages, round " + round).isFalse();
            HttpResponse<String> response = post(development, pages, Map.of("pages", 100), "application/json");
            JsonNode refused = RunningServer.read(response.body());
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(refused.at("/errors/0/extensions/code").asText()).as("100 pages, round " + round).isEqualTo("QUERY_TOO_COMPLEX");
            assertThat(refused.at("/errors/0/message").asText()).contains("40201 values");
        }
    }

    @Test
    void aDocumentOfMoreThan2000TokensIsRefusedBeforeItIsParsed() {
        String manyTokens = "{ homeFeed { nodes { " + "uuid ".repeat(2000) + "} } }";

        assertRefused(development, manyTokens, "QUERY_TOO_LARGE", "more than 2000 tokens");
        assertRefused(production, "{ homeFeed { nodes { " + "uuid ".repeat(40) + "} } }", "QUERY_TOO_LARGE", "more than 40 tokens");
    }

    @Test
    void introspectionAnswersInDevelopmentOnly() {
        String introspection = "{ __schema { queryType { name } } }";

        assertThat(development.graphQl(introspection, Map.of()).at("/data/__schema/queryType/name").asText()).isEqualTo("Query");
        assertRefused(production, introspection, "INTROSPECTION_DISABLED", "introspection is disabled");
        assertThat(production.graphQl("{ __typename }", Map.of()).at("/data/__typename").asText()).isEqualTo("Query");
    }

    @Test
    void anUnknownFieldGetsNoSuggestionInProduction() {
        JsonNode body = RunningServer.read(post(production, "{ homeFed { nodes { uuid } } }", "application/json").body());

        assertThat(body.at("/errors/0/message").asText()).contains("homeFed").doesNotContainIgnoringCase("did you mean");
    }

    private void assertRefused(RunningServer server, String query, String code, String message) {
        for (String accept : new String[] {"application/graphql-response+json", "application/json"}) {
            HttpResponse<String> response = post(server, query, accept);
            JsonNode body = RunningServer.read(response.body());

            assertThat(response.statusCode()).as(accept + ": " + response.body()).isEqualTo(400);
            assertThat(body.has("data")).isFalse();
            assertThat(body.at("/errors/0/extensions/code").asText()).isEqualTo(code);
            assertThat(body.at("/errors/0/message").asText()).contains(message);
        }
    }

    private static int status(RunningServer server, String query, String accept) {
        return post(server, query, accept).statusCode();
    }

    private static HttpResponse<String> post(RunningServer server, String query, String accept) {
        return post(server, query, Map.of(), accept);
    }

    private static HttpResponse<String> post(RunningServer server, String query, Map<String, Object> variables, String accept) {
        return server.send(HttpRequest.newBuilder(server.uri("/graphql"))
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(RunningServer.write(Map.of("query", query, "variables", variables)))));
    }
}
