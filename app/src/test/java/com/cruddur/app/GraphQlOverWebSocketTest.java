package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestData;
import com.cruddur.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * graphql-transport-ws on /graphql, with a real WebSocket client against the real server: each rule of the protocol
 * and its close code, both subscriptions (author included), and queries and mutations over the socket.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphQlOverWebSocketTest {

    static final String ACTIVITY_CREATED = """
            subscription { activityCreated { uuid message replyTo { uuid } author { handle displayName crudsCount } } }""";
    static final String REPLY_CREATED = """
            subscription ($parent: UUID!) {
              replyCreated(activityUuid: $parent) { uuid message replyTo { uuid message } author { handle } }
            }""";
    static final String CREATE = """
            mutation ($message: String!) {
              createActivity(input: {message: $message, ttl: ONE_DAY}) { activity { uuid } errors { code } }
            }""";
    private static final String REPLY = """
            mutation ($parent: UUID!, $message: String!) {
              replyToActivity(input: {activityUuid: $parent, message: $message}) { activity { uuid } errors { code } }
            }""";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(700);

    private RunningServer server;
    private String alice;

    @BeforeAll
    void start(TestDatabase database) {
        new TestData(database).user("alice").insert();
        server = RunningServer.startWithLocalIssuer(database, Map.of("WS_CONNECTION_INIT_TIMEOUT_MS", "2500"));
        alice = server.bearer("sub-alice");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theSubprotocolIsGraphqlTransportWsAndAnyOtherIsClosed4406() {
        try (WsClient client = WsClient.connect(server.port(), Map.of(), "something-else", "graphql-transport-ws")) {
            assertThat(client.subprotocol()).isEqualTo("graphql-transport-ws");
            client.init(null);
        }
        try (WsClient client = WsClient.connect(server.port(), Map.of(), "graphql-ws")) {
            assertThat(client.awaitClose(WAIT)).isEqualTo(new WsClient.Closed(4406, "Subprotocol not acceptable: use graphql-transport-ws"));
        }
    }

    @Test
    void withoutConnectionInitInTimeTheSocketIsClosed4408() {
        try (WsClient client = WsClient.connect(server.port())) {
            assertThat(client.awaitClose(WAIT)).isEqualTo(new WsClient.Closed(4408, "Connection initialisation timeout"));
        }
    }

    @Test
    void aSecondConnectionInitIsClosed4429() {
        try (WsClient client = WsClient.connect(server.port()).init(null)) {
            client.send(Map.of("type", "connection_init"));
            assertThat(client.awaitClose(WAIT).code()).isEqualTo(4429);
        }
    }

    @Test
    void subscribeBeforeTheAckIsClosed4401() {
        try (WsClient client = WsClient.connect(server.port())) {
            client.subscribe("1", ACTIVITY_CREATED, null);
            assertThat(client.awaitClose(WAIT)).isEqualTo(new WsClient.Closed(4401, "Unauthorized"));
        }
    }

    @Test
    void malformedMessagesAreClosed4400() {
        for (String malformed : List.of("not json", "[1]", "{\"type\":42}", "{\"type\":\"no_such_type\"}",
                "{\"type\":\"next\",\"id\":\"1\",\"payload\":{}}", "{\"type\":\"connection_init\",\"payload\":\"x\"}")) {
            try (WsClient client = WsClient.connect(server.port())) {
                client.send(malformed);
                assertThat(client.awaitClose(WAIT).code()).as(malformed).isEqualTo(4400);
            }
        }
        for (String malformed : List.of("{\"type\":\"subscribe\",\"payload\":{\"query\":\"{ __typename }\"}}",
                "{\"type\":\"subscribe\",\"id\":\"1\"}", "{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":1}}",
                "{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"{ __typename }\",\"variables\":[]}}")) {
            try (WsClient client = WsClient.connect(server.port()).init(null)) {
                client.send(malformed);
                assertThat(client.awaitClose(WAIT).code()).as(malformed).isEqualTo(4400);
            }
        }
    }

    @Test
    void aSecondSubscribeWithAnIdInUseIsClosed4409() {
        try (WsClient client = WsClient.connect(server.port()).init(null)) {
            client.subscribe("same", ACTIVITY_CREATED, null);
            client.subscribe("same", ACTIVITY_CREATED, null);
            assertThat(client.awaitClose(WAIT)).isEqualTo(new WsClient.Closed(4409, "Subscriber for same already exists"));
        }
    }

    @Test
    void pingIsAnsweredWithPongAndAPongNeedsNoAnswer() {
        try (WsClient client = WsClient.connect(server.port())) {
            client.send(Map.of("type", "ping"));
            assertThat(client.next(WAIT).toString()).isEqualTo("{\"type\":\"pong\"}");
            client.send(Map.of("type", "ping", "payload", Map.of("at", 1)));
            assertThat(client.next(WAIT).toString()).isEqualTo("{\"type\":\"pong\",\"payload\":{\"at\":1}}");
            client.send(Map.of("type", "pong"));
            client.init(null);
            assertThat(client.drain(QUIET)).isEmpty();
        }
    }

    @Test
    void queriesAndMutationsOverTheSocketAnswerNextThenComplete() {
        try (WsClient client = WsClient.connect(server.port()).init(alice)) {
            client.subscribe("q", "{ me { handle } }", null);
            assertThat(client.next(WAIT).toString()).isEqualTo("{\"id\":\"q\",\"type\":\"next\",\"payload\":{\"data\":{\"me\":{\"handle\":\"alice\"}}}}");
            assertThat(client.next(WAIT).toString()).isEqualTo("{\"id\":\"q\",\"type\":\"complete\"}");

            client.subscribe("m", CREATE, Map.of("message", "over the socket"));
            JsonNode next = client.next(WAIT);
            assertThat(next.path("type").asText()).isEqualTo("next");
            assertThat(next.at("/payload/data/createActivity/errors")).isEmpty();
            assertThat(client.next(WAIT).path("type").asText()).isEqualTo("complete");
        }
    }

    @Test
    void theConnectionInitTokenIsVerifiedLikeTheHttpHeader() {
        for (String refused : new String[] {null, "Bearer null", "Bearer not-a-token"}) {
            try (WsClient client = WsClient.connect(server.port()).init(refused)) {
                client.subscribe("me", "{ me { handle } }", null);
                assertThat(client.next(WAIT).at("/payload/data/me").isNull()).as(String.valueOf(refused)).isTrue();
                assertThat(client.next(WAIT).path("type").asText()).isEqualTo("complete");
                client.subscribe("w", CREATE, Map.of("message", "anonymous"));
                assertThat(client.next(WAIT).at("/payload/errors/0/extensions/code").asText()).isEqualTo("UNAUTHENTICATED");
            }
        }
    }

    @Test
    void aDocumentThatDoesNotValidateGetsAnErrorMessageAndNoComplete() {
        try (WsClient client = WsClient.connect(server.port()).init(null)) {
            client.subscribe("bad", "subscription { activityCreated { noSuchField } }", null);
            JsonNode error = client.next(WAIT);
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("id").asText()).isEqualTo("bad");
            assertThat(error.path("payload").isArray()).isTrue();
            assertThat(error.at("/payload/0/message").asText()).contains("noSuchField");
            assertThat(client.drain(QUIET)).isEmpty();
            // The id is free again, and the socket still works.
            client.subscribe("bad", "{ __typename }", null);
            assertThat(client.next(WAIT).at("/payload/data/__typename").asText()).isEqualTo("Query");
        }
    }

    @Test
    void subscriptionsHaveTheQueryDepthAndCostLimits() {
        try (WsClient client = WsClient.connect(server.port()).init(null)) {
            client.subscribe("deep", "subscription { activityCreated { replyTo { replyTo { replyTo { replyTo { replyTo { replyTo {"
                    + " replyTo { replyTo { replyTo { replyTo { uuid } } } } } } } } } } } }", null);
            JsonNode error = client.next(WAIT);
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.at("/payload/0/extensions/code").asText()).isEqualTo("QUERY_TOO_DEEP");
            client.subscribe("costly", "subscription { activityCreated { replies(first: 100) { nodes { replies(first: 100) {"
                    + " nodes { replies(first: 100) { nodes { uuid } } } } } } } }", null);
            assertThat(client.next(WAIT).at("/payload/0/extensions/code").asText()).isEqualTo("QUERY_TOO_COMPLEX");
        }
    }

    @Test
    void aSubscriptionOverHttpIsRefused() {
        JsonNode response = RunningServer.read(server.postGraphQl(ACTIVITY_CREATED, Map.of()).body());
        assertThat(response.at("/errors/0/extensions/code").asText()).isEqualTo("SUBSCRIPTION_NEEDS_WEBSOCKET");
    }

    @Test
    void activityCreatedDeliversEachNewCrudWithItsAuthorAndNotReplies() {
        try (WsClient first = WsClient.connect(server.port()).init(null);
             WsClient second = WsClient.connect(server.port()).init(null)) {
            first.subscribe("feed", ACTIVITY_CREATED, null);
            second.subscribe("mine", ACTIVITY_CREATED, null);
            awaitSubscribed();

            UUID crud = create("live one");
            reply(crud, "a reply is not a top-level activity");
            UUID another = create("live two");

            for (WsClient client : List.of(first, second)) {
                JsonNode one = client.next(WAIT);
                assertThat(one.path("type").asText()).isEqualTo("next");
                assertThat(one.at("/payload/data/activityCreated/uuid").asText()).isEqualTo(crud.toString());
                assertThat(one.at("/payload/data/activityCreated/message").asText()).isEqualTo("live one");
                assertThat(one.at("/payload/data/activityCreated/author/handle").asText()).isEqualTo("alice");
                assertThat(one.at("/payload/data/activityCreated/author/displayName").asText()).isEqualTo("alice Name");
                assertThat(one.at("/payload/data/activityCreated/author/crudsCount").asInt()).isPositive();
                assertThat(one.at("/payload/data/activityCreated/replyTo").isNull()).isTrue();
                assertThat(client.next(WAIT).at("/payload/data/activityCreated/uuid").asText()).isEqualTo(another.toString());
                assertThat(client.drain(QUIET)).isEmpty();
            }
            assertThat(first.next(Duration.ZERO)).isNull();
        }
    }

    @Test
    void replyCreatedDeliversTheRepliesToItsActivityOnly() {
        UUID parent = create("a parent");
        UUID otherParent = create("another parent");
        try (WsClient client = WsClient.connect(server.port()).init(null)) {
            client.subscribe("replies", REPLY_CREATED, Map.of("parent", parent.toString()));
            awaitSubscribed();

            UUID first = reply(parent, "first reply");
            reply(otherParent, "elsewhere");
            create("not a reply");
            UUID second = reply(parent, "second reply");

            JsonNode one = client.next(WAIT);
            assertThat(one.at("/payload/data/replyCreated/uuid").asText()).isEqualTo(first.toString());
            assertThat(one.at("/payload/data/replyCreated/replyTo/message").asText()).isEqualTo("a parent");
            assertThat(one.at("/payload/data/replyCreated/author/handle").asText()).isEqualTo("alice");
            assertThat(client.next(WAIT).at("/payload/data/replyCreated/uuid").asText()).isEqualTo(second.toString());
            assertThat(client.drain(QUIET)).isEmpty();
        }
    }

    @Test
    void completeStopsASubscription() {
        try (WsClient client = WsClient.connect(server.port()).init(null)) {
            client.subscribe("a", ACTIVITY_CREATED, null);
            client.subscribe("b", "subscription { activityCreated { uuid } }", null);
            awaitSubscribed();
            client.send(Map.of("id", "a", "type", "complete"));
            awaitSubscribed();

            UUID crud = create("only b hears this");

            JsonNode next = client.next(WAIT);
            assertThat(next.path("id").asText()).isEqualTo("b");
            assertThat(next.at("/payload/data/activityCreated/uuid").asText()).isEqualTo(crud.toString());
            assertThat(client.drain(QUIET)).isEmpty();
        }
    }

    @Test
    void socketsAndSharedExecutionsAreMeasured() {
        double closedFor4408 = metric("graphql_ws_closed_total{code=\"4408\"}");
        try (WsClient first = WsClient.connect(server.port()).init(null);
             WsClient second = WsClient.connect(server.port()).init(null);
             WsClient silent = WsClient.connect(server.port())) {
            first.subscribe("a", "subscription { activityCreated { uuid message } }", null);
            second.subscribe("b", "subscription { activityCreated { uuid message } }", null);
            awaitSubscribed();
            assertThat(metric("graphql_ws_sockets")).isGreaterThanOrEqualTo(3);
            assertThat(metric("graphql_ws_operations")).isGreaterThanOrEqualTo(2);
            assertThat(metric("graphql_ws_executions")).isGreaterThanOrEqualTo(1);
            assertThat(silent.awaitClose(WAIT).code()).isEqualTo(4408);
            assertThat(metric("graphql_ws_closed_total{code=\"4408\"}")).isEqualTo(closedFor4408 + 1);
        }
    }

    private double metric(String series) {
        return server.metrics().lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1))).findFirst().orElse(0);
    }

    /** Subscribing is asynchronous to the client: give the server a moment to have the subscription in place. */
    static void awaitSubscribed() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private UUID create(String message) {
        JsonNode payload = server.graphQl(CREATE, Map.of("message", message), alice).at("/data/createActivity");
        assertThat(payload.get("errors")).isEmpty();
        return UUID.fromString(payload.at("/activity/uuid").asText());
    }

    private UUID reply(UUID parent, String message) {
        JsonNode payload = server.graphQl(REPLY, Map.of("parent", parent.toString(), "message", message), alice)
                .at("/data/replyToActivity");
        assertThat(payload.get("errors")).isEmpty();
        return UUID.fromString(payload.at("/activity/uuid").asText());
    }
}
