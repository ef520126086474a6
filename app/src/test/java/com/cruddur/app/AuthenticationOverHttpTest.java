package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.app.auth.AccessTokenVerifier;
import com.cruddur.app.auth.CapturedLog;
import com.cruddur.app.auth.JwksServer;
import com.cruddur.app.auth.LocalIssuer;
import com.cruddur.app.auth.PoolKeys;
import com.cruddur.app.auth.TokenFactory;
import com.cruddur.app.auth.ViewerResolver;
import com.cruddur.database.DevelopmentSeed;
import com.cruddur.kernel.Viewer;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The real server started as in development with the local issuer: tokens, its key set, and CORS over HTTP. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticationOverHttpTest {

    private static final String FRONTEND = "http://localhost:3000";
    private static final String FEED = "{ homeFeed(first: 1) { nodes { message } } }";
    private static final String CREATE_ACTIVITY = """
            mutation ($message: String!) {
              createActivity(input: {message: $message, ttl: ONE_DAY}) {
                activity { message author { handle } }
                errors { code }
              }
            }""";

    @TempDir
    static Path data;

    private TestDatabase database;
    private Map<String, String> environment;
    private RunningServer server;
    private LocalIssuer issuer;

    @BeforeAll
    void start(TestDatabase database) {
        this.database = database;
        DevelopmentSeed.apply(database.dataSource());
        environment = Map.of(
                "LOCAL_ISSUER", "true",
                "EMBEDDED_DB_DIR", data.resolve("postgres").toString(),
                "FRONTEND_URL", "https://cruddur.example, " + FRONTEND);
        server = RunningServer.start(database, environment);
        issuer = LocalIssuer.open(data.resolve("local-issuer/signing-key.jwk.json"), false, false);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theServerPublishesTheLocalIssuersPublicKey() throws Exception {
        HttpResponse<String> response = server.get("/.well-known/jwks.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JWKSet.parse(response.body()).getKeys()).singleElement().satisfies(key -> {
            assertThat(key.getKeyID()).isEqualTo(issuer.keyId());
            assertThat(key.isPrivate()).isFalse();
        });
    }

    @Test
    void aValidTokenSignsInItsUserWhoseNewCrudTopsTheFeed() {
        String bearer = "Bearer " + issuer.accessToken("MOCK-andrewbrown", "andrewbrown", Instant.now());

        assertThat(server.graphQl("{ me { handle } }", Map.of(), bearer).at("/data/me/handle").asText()).isEqualTo("andrewbrown");
        JsonNode created = server.graphQl(CREATE_ACTIVITY, Map.of("message", "Posted with a local token"), bearer)
                .at("/data/createActivity");
        assertThat(created.get("errors")).isEmpty();
        assertThat(created.at("/activity/author/handle").asText()).isEqualTo("andrewbrown");
        assertThat(server.graphQl(FEED, Map.of()).at("/data/homeFeed/nodes/0/message").asText())
                .isEqualTo("Posted with a local token");
    }

    @Test
    void anInvalidTokenStillGetsThePublicFeedAndTheLogSaysWhy() {
        String expired = issuer.accessToken("MOCK-andrewbrown", "andrewbrown", Instant.now().minus(Duration.ofHours(2)));

        try (CapturedLog log = new CapturedLog(AccessTokenVerifier.class)) {
            for (String header : new String[] {"Bearer " + expired, "Bearer null", "Bearer garbled", "Basic abc"}) {
                HttpResponse<String> response = server.send(feedRequest(server, header));

                assertThat(response.statusCode()).as(header).isEqualTo(200);
                assertThat(RunningServer.read(response.body()).at("/data/homeFeed/nodes/0/message").isTextual()).as(header).isTrue();
            }
            assertThat(log.lines()).hasSize(3).first().asString().contains("Expired JWT").doesNotContain(expired);
        }
    }

    @Test
    void whileThePoolsKeySetHangsReadsStillWorkAndWritesAreUnavailable() {
        RSAKey poolKey = TokenFactory.newKey("pool-key");
        List<Viewer> viewers = new CopyOnWriteArrayList<>();
        try (JwksServer hanging = new JwksServer()) {
            hanging.serve(poolKey).hang();
            AccessTokenVerifier verifier = new AccessTokenVerifier(TokenFactory.ISSUER, TokenFactory.CLIENT_ID,
                    new PoolKeys(hanging.uri()));
            try (RunningServer cognito = RunningServer.start(database, Map.of(), recording(verifier, viewers))) {
                HttpResponse<String> response = cognito.send(feedRequest(cognito,
                        "Bearer " + TokenFactory.accessToken(poolKey, "a-cognito-sub", claims -> claims)));

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(RunningServer.read(response.body()).at("/data/homeFeed/nodes/0").isObject()).isTrue();

                long activitiesBefore = database.queryValue("SELECT count(*) FROM activities", Long.class);
                HttpResponse<String> write = cognito.postGraphQl(CREATE_ACTIVITY, Map.of("message", "never written"),
                        "Bearer " + TokenFactory.accessToken(poolKey, "a-cognito-sub", claims -> claims));

                assertThat(write.statusCode()).isEqualTo(503);
                assertThat(write.headers().firstValue("Retry-After")).isPresent();
                assertThat(RunningServer.read(write.body()).at("/errors/0/extensions/code").asText()).isEqualTo("UNAVAILABLE");
                assertThat(database.queryValue("SELECT count(*) FROM activities", Long.class)).isEqualTo(activitiesBefore);
            }
        }
        assertThat(viewers).hasSize(2).allSatisfy(viewer -> assertThat(viewer).hasToString("Viewer[unverifiable]"));
    }

    @Test
    void aPreflightFromTheFrontendIsAllowed() {
        HttpResponse<String> response = server.send(preflight(FRONTEND));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(FRONTEND);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, POST, OPTIONS");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).contains("Authorization, Content-Type");
        assertThat(response.headers().allValues("Vary")).anySatisfy(vary -> assertThat(vary).contains("Origin"));
    }

    @Test
    void aPreflightFromAnotherOriginGetsNoCorsHeaders() {
        HttpResponse<String> response = server.send(preflight("https://evil.example"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void onlyTheFrontendMayReadResponses() {
        HttpResponse<String> allowed = server.send(feedRequest(server, "Bearer null").header("Origin", "https://cruddur.example"));
        HttpResponse<String> other = server.send(feedRequest(server, "Bearer null").header("Origin", "https://evil.example"));

        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://cruddur.example");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }

    /** Resolves with {@code verifier}, noting each viewer it resolved. */
    private static ViewerResolver recording(AccessTokenVerifier verifier, List<Viewer> viewers) {
        return header -> {
            Viewer viewer = verifier.resolve(header);
            viewers.add(viewer);
            return viewer;
        };
    }

    private static HttpRequest.Builder feedRequest(RunningServer server, String authorization) {
        return HttpRequest.newBuilder(server.uri("/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(RunningServer.write(Map.of("query", FEED))));
    }

    private HttpRequest.Builder preflight(String origin) {
        return HttpRequest.newBuilder(server.uri("/graphql"))
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
    }
}
