package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The GraphQL-over-HTTP rules (2025 draft): media types, methods and status codes. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphQlOverHttpTest {

    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final String JSON = "application/json";
    private static final String QUERY = "{\"query\":\"{ homeFeed(first: 1) { nodes { uuid } } }\"}";

    private RunningServer server;

    @BeforeAll
    void start(TestDatabase database) {
        server = RunningServer.start(database);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theResponseMediaTypeFollowsAcceptInUtf8() {
        assertThat(contentType(post(QUERY, JSON, GRAPHQL_RESPONSE))).isEqualTo(GRAPHQL_RESPONSE + "; charset=utf-8");
        assertThat(contentType(post(QUERY, JSON, JSON))).isEqualTo(JSON + "; charset=utf-8");
        assertThat(contentType(post(QUERY, JSON, "*/*"))).as("a wildcard: legacy JSON").isEqualTo(JSON + "; charset=utf-8");
        assertThat(contentType(post(QUERY, JSON, "application/*"))).isEqualTo(JSON + "; charset=utf-8");
        assertThat(contentType(post(QUERY, JSON, GRAPHQL_RESPONSE + ", */*"))).isEqualTo(GRAPHQL_RESPONSE + "; charset=utf-8");
        assertThat(contentType(post(QUERY, JSON, "application/json;q=0.9, application/graphql-response+json;q=0.5")))
                .isEqualTo(JSON + "; charset=utf-8");
        assertThat(contentType(post(QUERY, JSON, null))).as("no Accept: legacy JSON").isEqualTo(JSON + "; charset=utf-8");
    }

    @Test
    void anUnacceptableAcceptIs406() {
        assertThat(post(QUERY, JSON, "text/html").statusCode()).isEqualTo(406);
        assertThat(get("{ homeFeed { nodes { uuid } } }", "application/xml").statusCode()).isEqualTo(406);
    }

    @Test
    void getServesQueriesButNotMutations() {
        assertThat(get("{ homeFeed(first: 1) { nodes { uuid } } }", GRAPHQL_RESPONSE).statusCode()).isEqualTo(200);

        HttpResponse<String> mutation = get("mutation { createActivity(input: {message: \"hi\", ttl: ONE_DAY}) { errors { code } } }", GRAPHQL_RESPONSE);

        assertThat(mutation.statusCode()).isEqualTo(405);
        assertThat(mutation.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void postNeedsAJsonBody() {
        assertThat(post(QUERY, "text/plain", GRAPHQL_RESPONSE).statusCode()).isEqualTo(415);
        assertThat(post(QUERY, "application/x-www-form-urlencoded", GRAPHQL_RESPONSE).statusCode()).isEqualTo(415);
        assertThat(post(QUERY, JSON + "; charset=utf-8", GRAPHQL_RESPONSE).statusCode()).isEqualTo(200);
    }

    @Test
    void aMalformedRequestIs400WhateverTheMediaType() {
        for (String accept : new String[] {GRAPHQL_RESPONSE, JSON}) {
            for (String body : new String[] {
                    "{\"query\": ",                                   // not JSON
                    "{}",                                              // no query
                    "{\"query\": 42}",                                 // query not a string
                    "{\"query\": \"{ __typename }\", \"variables\": [1]}",   // variables not an object
                    "{\"query\": \"{ __typename }\", \"extensions\": \"x\"}", // extensions not an object
                    "[{\"query\": \"{ __typename }\"}]",               // a batch
                    "\"{ __typename }\""}) {
                HttpResponse<String> response = post(body, JSON, accept);

                assertThat(response.statusCode()).as(accept + " " + body).isEqualTo(400);
                assertThat(RunningServer.read(response.body()).at("/errors/0/message").asText()).isNotBlank();
            }
        }
        assertThat(get("{ __typename }&variables=%5B1%5D", GRAPHQL_RESPONSE).statusCode()).isEqualTo(400);
    }

    @Test
    void aDocumentThatFailsToParseOrValidateIs400WithGraphqlResponseJsonAnd200WithJson() {
        for (String query : new String[] {"{ homeFeed { ", "{ homeFeed { nodes { noSuchField } } }"}) {
            String body = RunningServer.write(java.util.Map.of("query", query));

            HttpResponse<String> strict = post(body, JSON, GRAPHQL_RESPONSE);
            HttpResponse<String> legacy = post(body, JSON, JSON);

            assertThat(strict.statusCode()).as(query).isEqualTo(400);
            assertThat(legacy.statusCode()).as(query).isEqualTo(200);
            assertThat(RunningServer.read(legacy.body()).has("data")).isFalse();
            assertThat(RunningServer.read(legacy.body()).at("/errors/0/message").asText()).isNotBlank();
        }
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String padding = " ".repeat(1024 * 1024);
        String body = "{\"query\": \"{ __typename }\"" + padding + "}";

        HttpResponse<String> response = post(body, JSON, GRAPHQL_RESPONSE);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(contentType(response)).isEqualTo(GRAPHQL_RESPONSE + "; charset=utf-8");
        assertThat(post("{\"query\": \"{ __typename }\"" + " ".repeat(1000 * 1000) + "}", JSON, GRAPHQL_RESPONSE).statusCode())
                .as("just under the limit").isEqualTo(200);
    }

    private HttpResponse<String> post(String body, String contentType, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/graphql"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return server.send(request);
    }

    private HttpResponse<String> get(String query, String accept) {
        return server.send(HttpRequest.newBuilder(server.uri("/graphql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                        .replace("%26variables%3D%255B1%255D", "&variables=%5B1%5D")))
                .header("Accept", accept)
                .GET());
    }

    private static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("").replace(";", "; ").replace(";  ", "; ");
    }
}
