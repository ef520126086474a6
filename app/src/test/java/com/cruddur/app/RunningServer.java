package com.cruddur.app;

import com.cruddur.app.auth.ViewerResolver;
import com.cruddur.app.auth.LocalIssuer;
import com.cruddur.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/** The real server on a random port over a test's own database, and an HTTP client for it. */
final class RunningServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Application application;
    private LocalIssuer issuer;
    private Path issuerFolder;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningServer(Application application) {
        this.application = application;
    }

    static RunningServer start(TestDatabase database) {
        return start(database, Map.of());
    }

    static RunningServer start(TestDatabase database, Map<String, String> environment) {
        return new RunningServer(Application.start(config(database, environment)));
    }

    /** The server with {@code viewers} deciding who each request comes from. */
    static RunningServer start(TestDatabase database, Map<String, String> environment, ViewerResolver viewers) {
        return new RunningServer(Application.start(config(database, environment), viewers));
    }

    /**
     * The server with the development token issuer on (its key in a temporary folder): requests sign in with
     * real RS256 access tokens from {@link #bearer(String)}, checked by the same verifier as Cognito's.
     */
    static RunningServer startWithLocalIssuer(TestDatabase database) {
        return startWithLocalIssuer(database, Map.of(), Clock.systemUTC());
    }

    /** Like {@link #startWithLocalIssuer(TestDatabase)}, with more environment variables. */
    static RunningServer startWithLocalIssuer(TestDatabase database, Map<String, String> environment) {
        return startWithLocalIssuer(database, environment, Clock.systemUTC());
    }

    /** Like {@link #startWithLocalIssuer(TestDatabase)}, with more settings and the clock its sign-in server keeps time by. */
    static RunningServer startWithLocalIssuer(TestDatabase database, Map<String, String> environment, Clock clock) {
        return startWithLocalIssuer(database.location().libpqUrl(), environment, clock);
    }

    /** The server with the local issuer on the database at this URL. */
    static RunningServer startWithLocalIssuer(String connectionUrl, Map<String, String> environment, Clock clock) {
        Path issuerFolder = createTemporaryFolder();
        Map<String, String> env = new HashMap<>(environment);
        env.put("LOCAL_ISSUER", "true");
        env.put("EMBEDDED_DB_DIR", issuerFolder.resolve("postgres").toString());
        AppConfig config = config(connectionUrl, env);
        RunningServer server = new RunningServer(Application.start(config, clock));
        server.issuer = LocalIssuer.open(config.localIssuerKeyFile(), false, false);
        server.issuerFolder = issuerFolder;
        return server;
    }

    private static AppConfig config(TestDatabase database, Map<String, String> environment) {
        return config(database.location().libpqUrl(), environment);
    }

    private static AppConfig config(String connectionUrl, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>();
        env.put("CONNECTION_URL", connectionUrl);
        env.put("CRUDDUR_ENV", "development");
        env.put("PORT", "0");
        env.put("MANAGEMENT_PORT", "0");
        env.putAll(environment);
        return AppConfig.fromEnvironment(env);
    }

    /** The {@code Authorization} header of a valid access token whose {@code sub} is this Cognito id. */
    String bearer(String cognitoUserId) {
        if (issuer == null) {
            throw new IllegalStateException("start the server with startWithLocalIssuer to sign in");
        }
        return "Bearer " + issuer.accessToken(cognitoUserId, cognitoUserId, Instant.now());
    }

    private static Path createTemporaryFolder() {
        try {
            return Files.createTempDirectory("cruddur-test-issuer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Jdbi the server runs its SQL through. */
    Jdbi jdbi() {
        return application.jdbi();
    }

    int port() {
        return application.port();
    }

    URI metricsUri() {
        return URI.create("http://127.0.0.1:" + application.managementPort() + "/metrics");
    }

    /** The management port's metrics, as Prometheus text. */
    String metrics() {
        return send(HttpRequest.newBuilder(metricsUri()).GET()).body();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + application.port() + pathAndQuery);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        return send(client, request);
    }

    /** Sends with {@code client} (a test's own, with cookies or another redirect policy), with this class's timeout. */
    static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    /** POSTs a GraphQL request as a JSON body and returns the raw response. */
    HttpResponse<String> postGraphQl(String query, Map<String, Object> variables) {
        return postGraphQl(query, variables, null);
    }

    /** POSTs a GraphQL request with this {@code Authorization} header (none when null). */
    HttpResponse<String> postGraphQl(String query, Map<String, Object> variables, String authorization) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/graphql"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    /** POSTs a GraphQL request that must succeed over HTTP, and returns its parsed body. */
    JsonNode graphQl(String query, Map<String, Object> variables) {
        return graphQl(query, variables, null);
    }

    /** Like {@link #graphQl(String, Map)}, with this {@code Authorization} header. */
    JsonNode graphQl(String query, Map<String, Object> variables, String authorization) {
        HttpResponse<String> response = postGraphQl(query, variables, authorization);
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
        }
        return read(response.body());
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        application.close();
        if (issuerFolder != null) {
            deleteTree(issuerFolder);
        }
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
