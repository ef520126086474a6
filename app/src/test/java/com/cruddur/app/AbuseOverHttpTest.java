package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.app.auth.CapturedLog;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestData;
import com.cruddur.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What one anonymous (or signed-in) client must not be able to do: overflow the cost limit, pin threads with a slow
 * body, forge or flood log lines, crash a field with a crafted cursor, run a mutation over GET. And what every
 * answer carries: security headers, and an {@code extensions.code} on every error.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AbuseOverHttpTest {

    private static final int BODY_TIMEOUT_MS = 8000;

    private TestDatabase database;
    private RunningServer server;
    private String alice;

    @BeforeAll
    void start(TestDatabase database) {
        this.database = database;
        TestData data = new TestData(database);
        UUID bayko = data.user("bayko").cognitoUserId("sub-bayko").insert();
        data.user("alice").cognitoUserId("sub-alice").insert();
        for (int i = 0; i < 3; i++) {
            data.crud(bayko, "crud " + i, java.time.Duration.ofMinutes(i + 1), java.time.Duration.ofDays(1));
        }
        server = RunningServer.startWithLocalIssuer(database, Map.of("REQUEST_BODY_TIMEOUT_MS", Integer.toString(BODY_TIMEOUT_MS)));
        alice = server.bearer("sub-alice");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aFieldWithAHugeFirstCannotOverflowTheCostUnderTheLimit() {
        String costly = "a: homeFeed(first: 100) { nodes { replies(first: 100) { nodes { uuid message createdAt author { handle displayName bio } } } } }";
        String overflowing = "x: user(handle: \"bayko\") { activities(first: 2147483647) { pageInfo { __typename } } }";

        for (String query : List.of("{ " + costly + " }", "{ " + costly + " " + overflowing + " }", "{ " + overflowing + " }",
                "{ " + overflowing.replace("x:", "y:") + " " + overflowing + " }")) {
            HttpResponse<String> response = server.postGraphQl(query, Map.of());
            JsonNode body = RunningServer.read(response.body());

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(body.has("data")).as("nothing ran: " + query).isFalse();
            assertThat(body.at("/errors/0/extensions/code").asText()).isEqualTo("QUERY_TOO_COMPLEX");
        }
    }

    @Test
    void aBodyTrickledAByteAtATimeIsCutOffWhileOtherClientsAreServed() throws Exception {
        // More slow clients than Jetty has threads (250): each would hold one while its body trickles in. One
        // thread drives them all (non-blocking sockets), as a real slowloris client does.
        List<SocketChannel> slow = new ArrayList<>();
        Map<SocketChannel, String> answers = new HashMap<>();
        try {
            for (int i = 0; i < 260; i++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
                channel.write(ByteBuffer.wrap(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII)));
                channel.configureBlocking(false);
                slow.add(channel);
            }
            long started = System.nanoTime();
            int servedWhileAllWaited = 0;
            while (answers.size() < slow.size() && System.nanoTime() - started < (BODY_TIMEOUT_MS + 10_000) * 1_000_000L) {
                for (SocketChannel channel : slow) {
                    if (!answers.containsKey(channel)) {
                        String answer = trickleAndRead(channel);
                        if (answer != null) {
                            long afterMs = (System.nanoTime() - started) / 1_000_000;
                            answers.put(channel, answer + (afterMs < BODY_TIMEOUT_MS + 5000 ? " in time" : " after " + afterMs + " ms"));
                        }
                    }
                }
                if (answers.isEmpty()) {
                    assertThat(server.graphQl("{ __typename }", Map.of()).at("/data/__typename").asText()).isEqualTo("Query");
                    if (answers.isEmpty() && System.nanoTime() - started < BODY_TIMEOUT_MS * 1_000_000L) {
                        servedWhileAllWaited++;
                    }
                }
                Thread.sleep(200);
            }

            assertThat(servedWhileAllWaited).as("normal requests answered while every slow client still held its request")
                    .isPositive();
            assertThat(answers).hasSize(slow.size());
            assertThat(answers.values()).allSatisfy(answer -> assertThat(answer).startsWith("HTTP/1.1 408")
                    .contains("Connection: close").contains("REQUEST_TIMEOUT").endsWith(" in time"));
        } finally {
            for (SocketChannel channel : slow) {
                channel.close();
            }
        }
    }

    /** Sends one more byte of the body; returns what the server has answered, or null while it waits. */
    private static String trickleAndRead(SocketChannel channel) throws IOException {
        try {
            channel.write(ByteBuffer.wrap(new byte[] {' '}));
        } catch (IOException closedByTheServer) {
            // Its answer may still be there to read.
        }
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        int read;
        try {
            read = channel.read(buffer);
        } catch (IOException reset) {
            return "reset without an answer";
        }
        if (read == 0) {
            return null;
        }
        return read < 0 ? "closed without an answer" : new String(buffer.array(), 0, read, StandardCharsets.US_ASCII);
    }

    @Test
    void anOperationNameThatIsNotAGraphQlNameIsRefusedBeforeItIsLogged() {
        try (CapturedLog requests = new CapturedLog("com.cruddur.requests")) {
            for (String name : List.of("Feed\n12:00:00.000 INFO  com.cruddur.requests - forged", "x".repeat(900_000),
                    "x".repeat(101), "1abc", "a-b", "Feed\u0000")) {
                HttpResponse<String> response = post(Map.of("query", "query Feed { __typename }", "operationName", name));

                assertThat(response.statusCode()).isEqualTo(400);
                assertThat(RunningServer.read(response.body()).at("/errors/0/extensions/code").asText()).isEqualTo("BAD_REQUEST");
            }
            assertThat(post(Map.of("query", "query " + "x".repeat(100) + " { __typename }", "operationName", "x".repeat(100)))
                    .statusCode()).as("100 characters").isEqualTo(200);
            assertThat(post(Map.of("query", "query Feed { __typename }", "operationName", "Feed")).statusCode()).isEqualTo(200);

            assertThat(requests.lines()).allSatisfy(line -> assertThat(line).doesNotContain("\n", "forged", "\u0000").hasSizeLessThan(400));
            assertThat(requests.lines()).anySatisfy(line -> assertThat(line).contains("op=Feed"));
        }
    }

    @Test
    void aLogLineHoldsClientTextEscapedAndCut() {
        try (CapturedLog requests = new CapturedLog("com.cruddur.requests")) {
            server.get("/" + "a".repeat(5000) + "%0aforged");

            assertThat(requests.lines()).singleElement().asString()
                    .doesNotContain("\n").contains("GET /aaaa").contains("chars)").hasSizeLessThan(400);
        }
    }

    @Test
    void aCursorOutsideTheRepresentableRangeIsBadUserInputAndLogsNothing() {
        List<String> cursors = List.of("v1:31556889864403199:0:" + UUID.randomUUID(), "v1:-31557014167219200:0:" + UUID.randomUUID(),
                "v1:0:-1:" + UUID.randomUUID(), "v1:0:1000000000:" + UUID.randomUUID(), "v1:99999999999999999999:0:" + UUID.randomUUID());
        try (CapturedLog errors = new CapturedLog("com.cruddur.app.graphql.ErrorClassifier")) {
            for (String key : cursors) {
                String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
                for (String query : List.of("query ($after: String) { homeFeed(after: $after) { nodes { uuid } } }",
                        "query ($after: String) { user(handle: \"bayko\") { activities(after: $after) { nodes { uuid } } } }")) {
                    JsonNode body = server.graphQl(query, Map.of("after", cursor));

                    assertThat(body.at("/errors/0/extensions/code").asText()).as(key).isEqualTo("BAD_USER_INPUT");
                    assertThat(body.at("/errors/0/message").asText()).isEqualTo("after is not a cursor this API returned");
                }
            }
            assertThat(errors.lines()).isEmpty();
        }
    }

    @Test
    void getNeverRunsAMutationWhateverTheOperationName() {
        String mutation = "mutation { updateProfile(input: {displayName: \"changed over GET\", bio: \"changed over GET\"}) { user { bio } } }";
        String mixed = "query Read { __typename } mutation Write { updateProfile(input: {displayName: \"x\", bio: \"changed over GET\"}) { user { bio } } }";

        for (String pathAndQuery : List.of(
                "/graphql?query=" + encode(mutation),
                "/graphql?query=" + encode(mutation) + "&operationName=",
                "/graphql?query=" + encode(mixed) + "&operationName=Write")) {
            HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri(pathAndQuery))
                    .header("Authorization", alice).header("Accept", "application/json").GET());

            assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("POST");
            assertThat(RunningServer.read(response.body()).at("/errors/0/extensions/code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
        }
        HttpResponse<String> read = server.send(HttpRequest.newBuilder(server.uri("/graphql?query=" + encode(mixed) + "&operationName=Read"))
                .header("Authorization", alice).GET());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(RunningServer.read(read.body()).at("/data/__typename").asText()).isEqualTo("Query");
        assertThat(database.queryValue("SELECT count(*) FROM users WHERE bio IS NOT NULL OR display_name <> handle || ' Name'", Integer.class))
                .isZero();
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        List<HttpResponse<String>> responses = List.of(
                server.postGraphQl("{ __typename }", Map.of()),
                server.get("/graphql?query=" + encode("{ me { handle } }")),
                server.send(HttpRequest.newBuilder(server.uri("/graphql")).header("Accept", "text/html").GET()),
                server.get("/graphiql"),
                server.get("/api/health-check"),
                server.get("/no-such-page"),
                post(Map.of("query", 1)));
        for (HttpResponse<String> response : responses) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(response.uri().toString()).hasValue("nosniff");
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(response.uri().toString())
                    .hasValueSatisfying(policy -> assertThat(policy).contains("frame-ancestors 'none'"));
        }
        for (HttpResponse<String> response : responses) {
            if (response.uri().getPath().equals("/graphql")) {
                assertThat(response.headers().firstValue("Cache-Control")).as(response.uri().toString()).hasValue("no-store");
            }
        }
    }

    @Test
    void everyErrorCarriesACode() {
        Map<String, Map<String, Object>> requests = new HashMap<>();
        requests.put("GRAPHQL_PARSE_FAILED", Map.of("query", "{ homeFeed { "));
        requests.put("GRAPHQL_VALIDATION_FAILED", Map.of("query", "{ noSuchField }"));
        requests.put("OPERATION_RESOLUTION_FAILURE", Map.of("query", "query A { __typename } query B { __typename }"));
        requests.put("BAD_USER_INPUT", Map.of("query", "query ($n: Int) { homeFeed(first: $n) { nodes { uuid } } }",
                "variables", Map.of("n", "ten")));
        requests.put("BAD_REQUEST", Map.of("query", 42));
        requests.forEach((code, request) -> {
            for (String accept : List.of("application/json", "application/graphql-response+json")) {
                HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/graphql"))
                        .header("Content-Type", "application/json").header("Accept", accept)
                        .POST(HttpRequest.BodyPublishers.ofString(RunningServer.write(request))));

                assertThat(RunningServer.read(response.body()).at("/errors/0/extensions/code").asText()).as(request + " " + accept).isEqualTo(code);
            }
        });
        assertThat(code(server.send(HttpRequest.newBuilder(server.uri("/graphql")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))))).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(code(server.send(HttpRequest.newBuilder(server.uri("/graphql")).header("Content-Type", "application/json")
                .header("Accept", "text/csv").POST(HttpRequest.BodyPublishers.ofString("{}"))))).isEqualTo("NOT_ACCEPTABLE");
        assertThat(code(server.send(HttpRequest.newBuilder(server.uri("/graphql")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"" + " ".repeat(1100 * 1024) + "}")))))
                .isEqualTo("PAYLOAD_TOO_LARGE");
    }

    private static String code(HttpResponse<String> response) {
        return RunningServer.read(response.body()).at("/errors/0/extensions/code").asText();
    }

    private HttpResponse<String> post(Map<String, Object> body) {
        return server.send(HttpRequest.newBuilder(server.uri("/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(RunningServer.write(body))));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
