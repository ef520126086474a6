package com.cruddur.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.database.DevelopmentSeed;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production server as a real process (the packaged jar): its stdout is one JSON object per line, request lines
 * carry their fields and trace, and no secret a request carried reaches the log.
 */
@ExtendWith(PostgresExtension.class)
class JsonLogsIT {

    private static final String JAR = System.getProperty("cruddur.jar", "target/cruddur.jar");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String TOKEN = "eyJraWQiOiJzZWNyZXQta2V5IiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiJ0b2tlbi1zdWJqZWN0In0.c2lnbmF0dXJlLXZhbHVl";
    private static final String EMAIL = "leaky.person@example.com";
    private static final String PASSWORD = "hunter2-Sup3r-Secret";
    private static final String HOSTILE_NAME = "Evil\n{\"level\":\"ERROR\",\"message\":\"forged\"}\r\n\"quoted\" \u2028end";
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    @TempDir
    Path workspace;

    @Test
    void everyLineIsOneJsonObjectWithTheRequestsFieldsAndNoSecret(TestDatabase database) throws Exception {
        DevelopmentSeed.apply(database.dataSource());
        int port = freePort();
        int managementPort = freePort();
        Path stdout = workspace.resolve("stdout");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-jar", JAR)
                .redirectOutput(stdout.toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(Map.of(
                "CRUDDUR_ENV", "production",
                "ALLOW_ANONYMOUS_ONLY", "true",
                "CONNECTION_URL", database.location().libpqUrl(),
                "PORT", Integer.toString(port),
                "MANAGEMENT_PORT", Integer.toString(managementPort)));
        Process server = builder.start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            awaitListening(stdout, server);
            URI graphql = URI.create("http://127.0.0.1:" + port + "/graphql");

            // A token in the header, an email in the variables, a hostile operation name, and a trace to follow.
            HttpResponse<String> traced = client.send(HttpRequest.newBuilder(graphql)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + TOKEN)
                    .header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                            "query", "query Feed($email: String) { homeFeed(first: 1) { nodes { uuid } } }",
                            "variables", Map.of("email", EMAIL),
                            "operationName", HOSTILE_NAME)))).build(), HttpResponse.BodyHandlers.ofString());
            // A password and an email in a URL's query string.
            client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql?query="
                    + URLEncoder.encode("{ __typename }", StandardCharsets.UTF_8) + "&password=" + PASSWORD + "&email=" + EMAIL))
                    .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
            // A mutation with an email in its input, signed in with a token that fails verification.
            client.send(HttpRequest.newBuilder(graphql)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                            "query", "mutation { updateProfile(input: {displayName: \"x\", bio: \"" + EMAIL + "\"}) { errors { code } } }"))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("http_server_requests_seconds_count");

            server.destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();

            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(stdout)) {
                assertThat(line).doesNotContain(TOKEN, EMAIL, PASSWORD, "eyJraWQi");
                JsonNode parsed;
                try {
                    parsed = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new AssertionError("not one JSON value: " + line, e);
                }
                assertThat(parsed.isObject()).as("one JSON object: %s", line).isTrue();
                assertThat(parsed.fieldNames()).toIterable().contains("time", "level", "logger", "message");
                lines.add(parsed);
            }
            assertThat(lines).anySatisfy(line -> assertThat(line.get("message").asText()).contains("is listening"));
            assertThat(lines).noneSatisfy(line -> assertThat(line.get("message").asText()).isEqualTo("forged"));

            String traceparent = traced.headers().firstValue("traceparent").orElseThrow();
            assertThat(traceparent).startsWith("00-" + TRACE_ID + "-");
            JsonNode requestLine = lines.stream()
                    .filter(line -> TRACE_ID.equals(line.path("traceId").asText()) && line.has("status"))
                    .findFirst().orElseThrow(() -> new AssertionError("no request line with trace " + TRACE_ID + " in " + lines));
            assertThat(requestLine.get("logger").asText()).isEqualTo("com.cruddur.requests");
            assertThat(requestLine.get("method").asText()).isEqualTo("POST");
            assertThat(requestLine.get("path").asText()).isEqualTo("/graphql");
            assertThat(requestLine.get("status").asInt()).isEqualTo(traced.statusCode());
            assertThat(requestLine.get("durationMs").isNumber()).isTrue();
            assertThat(requestLine.get("operationName").asText()).isEqualTo(HOSTILE_NAME);
            assertThat(requestLine.get("requestId").asText()).isEqualTo(traced.headers().firstValue("X-Request-Id").orElseThrow());
            assertThat(lines.stream().filter(line -> line.has("status")).count()).as("one line per request").isEqualTo(4);
        } finally {
            server.destroyForcibly();
        }
    }

    private static void awaitListening(Path stdout, Process server) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(stdout) && Files.readString(stdout).contains("is listening")) {
                return;
            }
            if (!server.isAlive()) {
                throw new AssertionError("the server exited: " + Files.readString(stdout));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not start: " + Files.readString(stdout));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
