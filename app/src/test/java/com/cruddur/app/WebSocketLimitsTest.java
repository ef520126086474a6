package com.cruddur.app;

import static com.cruddur.app.GraphQlOverWebSocketTest.ACTIVITY_CREATED;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The WebSocket limits, each set low here, and the Origin check. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSocketLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String FRONTEND = "https://app.example.com";

    private RunningServer server;

    @BeforeAll
    void start(TestDatabase database) {
        server = RunningServer.start(database, Map.of(
                "WS_MAX_SOCKETS", "4",
                "WS_MAX_SUBSCRIPTIONS", "3",
                "WS_MAX_MESSAGE_BYTES", "4096",
                "WS_MAX_QUEUED_MESSAGES", "16",
                "FRONTEND_URL", FRONTEND + ", http://localhost:3000"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void beyondTheSocketLimitTheUpgradeGets503() throws Exception {
        List<WsClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                open.add(WsClient.connect(server.port()).init(null));
            }
            assertThat(WsClient.upgradeStatus(server.port(), Map.of())).isEqualTo(503);
            open.remove(0).close();
            Thread.sleep(300);
            assertThat(WsClient.upgradeStatus(server.port(), Map.of())).isEqualTo(101);
        } finally {
            open.forEach(WsClient::close);
        }
    }

    @Test
    void beyondTheSubscriptionLimitASubscribeGetsAnErrorAndTheSocketStaysOpen() {
        try (WsClient client = WsClient.connect(server.port()).init(null)) {
            for (int i = 1; i <= 3; i++) {
                client.subscribe("s" + i, ACTIVITY_CREATED, null);
            }
            client.subscribe("s4", ACTIVITY_CREATED, null);

            JsonNode error = client.next(WAIT);
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("id").asText()).isEqualTo("s4");
            assertThat(error.at("/payload/0/extensions/code").asText()).isEqualTo("TOO_MANY_SUBSCRIPTIONS");

            client.send(Map.of("id", "s1", "type", "complete"));
            client.subscribe("s4", "{ __typename }", null);
            assertThat(client.next(WAIT).path("type").asText()).isEqualTo("next");
        }
    }

    @Test
    void aMessageOverTheSizeLimitIsClosed1009() {
        try (WsClient client = WsClient.connect(server.port()).init(null)) {
            client.subscribe("big", "{ __typename }" + " ".repeat(5000), null);
            assertThat(client.awaitClose(WAIT).code()).isEqualTo(1009);
        }
    }

    @Test
    void aClientTooSlowToReadIsClosed1008InsteadOfBufferedWithoutEnd() {
        try (WsClient client = WsClient.connectPaused(server.port())) {
            // Each ping's payload comes back in its pong; the client reads none of them.
            String ping = "{\"type\":\"ping\",\"payload\":{\"pad\":\"" + "x".repeat(3500) + "\"}}";
            try {
                for (int i = 0; i < 3000; i++) {
                    client.send(ping);
                }
            } catch (java.util.concurrent.CompletionException closedMeanwhile) {
                // the server gave up on this client while it was still sending
            }
            client.resume();
            WsClient.Closed closed = client.awaitClose(Duration.ofSeconds(30));
            assertThat(closed).isNotNull();
            assertThat(closed.code()).isIn(1008, 1006);
            if (closed.code() == 1008) {
                assertThat(closed.reason()).startsWith("too slow");
            }
        }
    }

    @Test
    void aBrowserPageFromAnotherSiteIsRefused() {
        assertThat(WsClient.upgradeStatus(server.port(), Map.of("Origin", "https://evil.example.net"))).isEqualTo(403);
        assertThat(WsClient.upgradeStatus(server.port(), Map.of("Origin", "http://localhost:" + (server.port() + 1)))).isEqualTo(403);
        assertThat(WsClient.upgradeStatus(server.port(), Map.of("Origin", "null"))).isEqualTo(403);
    }

    @Test
    void theAppsOwnOriginAndTheFrontendsAreAllowedAndSoIsNoOrigin() {
        assertThat(WsClient.upgradeStatus(server.port(), Map.of("Origin", "http://localhost:" + server.port()))).isEqualTo(101);
        assertThat(WsClient.upgradeStatus(server.port(), Map.of("Origin", FRONTEND))).isEqualTo(101);
        assertThat(WsClient.upgradeStatus(server.port(), Map.of("Origin", "http://localhost:3000"))).isEqualTo(101);
        assertThat(WsClient.upgradeStatus(server.port(), Map.of())).isEqualTo(101);
    }
}
