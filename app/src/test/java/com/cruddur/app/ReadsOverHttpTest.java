package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestData;
import com.cruddur.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every read of the contract, over HTTP, on data built to prove each filter and order. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadsOverHttpTest {

    private static final String ACTIVITY = """
            query ($uuid: UUID!) {
              activity(uuid: $uuid) {
                uuid message repliesCount repostsCount likesCount expiresAt createdAt
                author { handle displayName }
                replyTo { uuid }
                replies(first: 10) { nodes { message author { handle } } pageInfo { hasNextPage } }
              }
            }""";
    private static final String USER_ACTIVITIES = """
            query ($handle: String!, $first: Int, $after: String) {
              user(handle: $handle) {
                activities(first: $first, after: $after) { nodes { message } pageInfo { hasNextPage endCursor } }
              }
            }""";
    private static final String REPLIES = """
            query ($uuid: UUID!, $first: Int, $after: String) {
              activity(uuid: $uuid) {
                replies(first: $first, after: $after) { nodes { message } pageInfo { hasNextPage endCursor } }
              }
            }""";

    private RunningServer server;
    private TestData data;
    private UUID aliceCrud;
    private UUID aliceExpired;
    private UUID aliceReply;

    @BeforeAll
    void start(TestDatabase database) {
        data = new TestData(database);
        UUID alice = data.user("alice").insert();
        UUID bob = data.user("bob").insert();
        data.user("carol").insert();
        aliceCrud = data.crud(alice, "alice: expires tomorrow", Duration.ofHours(1), Duration.ofDays(1));
        data.crud(alice, "alice: never expires", Duration.ofHours(2), null);
        aliceExpired = data.crud(alice, "alice: expired", Duration.ofHours(3), Duration.ofMinutes(-1));
        data.crud(bob, "bob: a crud", Duration.ofMinutes(30), Duration.ofDays(1));
        data.reply(bob, aliceCrud, "reply 1 (bob)", Duration.ofMinutes(50));
        aliceReply = data.reply(alice, aliceCrud, "reply 2 (alice)", Duration.ofMinutes(40));
        data.reply(bob, aliceCrud, "reply 3 (bob)", Duration.ofMinutes(10));
        server = RunningServer.startWithLocalIssuer(database);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void anActivityWithItsAuthorAndItsRepliesOldestFirst() {
        JsonNode activity = server.graphQl(ACTIVITY, Map.of("uuid", aliceCrud.toString())).at("/data/activity");

        assertThat(activity.get("message").asText()).isEqualTo("alice: expires tomorrow");
        assertThat(activity.at("/author/handle").asText()).isEqualTo("alice");
        assertThat(activity.get("replyTo").isNull()).isTrue();
        assertThat(activity.get("expiresAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(messages(activity.at("/replies/nodes"))).containsExactly("reply 1 (bob)", "reply 2 (alice)", "reply 3 (bob)");
        assertThat(activity.at("/replies/nodes/0/author/handle").asText()).isEqualTo("bob");
    }

    @Test
    void aReplyPointsAtItsParentAndNeverExpires() {
        JsonNode reply = server.graphQl(ACTIVITY, Map.of("uuid", aliceReply.toString())).at("/data/activity");

        assertThat(reply.at("/replyTo/uuid").asText()).isEqualTo(aliceCrud.toString());
        assertThat(reply.get("expiresAt").isNull()).isTrue();
    }

    @Test
    void anUnknownOrExpiredActivityIsNullNotAnError() {
        for (UUID uuid : List.of(UUID.randomUUID(), aliceExpired)) {
            JsonNode body = server.graphQl(ACTIVITY, Map.of("uuid", uuid.toString()));

            assertThat(body.at("/data/activity").isNull()).as(uuid.toString()).isTrue();
            assertThat(body.has("errors")).isFalse();
        }
    }

    @Test
    void aMalformedUuidIsAValidationErrorNotAServerError() {
        HttpResponse<String> response = server.postGraphQl(ACTIVITY, Map.of("uuid", "not-a-uuid"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = RunningServer.read(response.body());
        assertThat(body.has("data")).isFalse();
        assertThat(body.at("/errors/0/message").asText()).contains("uuid");
    }

    @Test
    void aUserByHandleWhateverItsCaseWithEveryActivityCounted() {
        JsonNode user = server.graphQl("{ user(handle: \"ALICE\") { handle displayName bio crudsCount createdAt } }", Map.of())
                .at("/data/user");

        assertThat(user.get("handle").asText()).isEqualTo("alice");
        assertThat(user.get("crudsCount").asInt()).as("3 cruds (one expired) and 1 reply").isEqualTo(4);
        assertThat(server.graphQl("{ user(handle: \"carol\") { crudsCount } }", Map.of()).at("/data/user/crudsCount").asInt()).isZero();
    }

    @Test
    void anUnknownHandleIsNull() {
        for (String handle : List.of("nobody", "not a handle!", "")) {
            JsonNode body = server.graphQl("query ($h: String!) { user(handle: $h) { handle } }", Map.of("h", handle));

            assertThat(body.at("/data/user").isNull()).as(handle).isTrue();
            assertThat(body.has("errors")).isFalse();
        }
    }

    @Test
    void aUsersActivitiesAreTheUnexpiredOnesNewestFirstRepliesIncludedPageByPage() {
        JsonNode first = server.graphQl(USER_ACTIVITIES, Map.of("handle", "alice", "first", 2)).at("/data/user/activities");
        Map<String, Object> next = new HashMap<>(Map.of("handle", "alice", "first", 2));
        next.put("after", first.at("/pageInfo/endCursor").asText());
        JsonNode second = server.graphQl(USER_ACTIVITIES, next).at("/data/user/activities");

        assertThat(messages(first.get("nodes"))).containsExactly("reply 2 (alice)", "alice: expires tomorrow");
        assertThat(first.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
        assertThat(messages(second.get("nodes"))).containsExactly("alice: never expires");
        assertThat(second.at("/pageInfo/hasNextPage").asBoolean()).isFalse();
    }

    @Test
    void repliesPageByPageOldestFirst() {
        JsonNode first = server.graphQl(REPLIES, Map.of("uuid", aliceCrud.toString(), "first", 2)).at("/data/activity/replies");
        Map<String, Object> next = new HashMap<>(Map.of("uuid", aliceCrud.toString(), "first", 2));
        next.put("after", first.at("/pageInfo/endCursor").asText());
        JsonNode second = server.graphQl(REPLIES, next).at("/data/activity/replies");

        assertThat(messages(first.get("nodes"))).containsExactly("reply 1 (bob)", "reply 2 (alice)");
        assertThat(messages(second.get("nodes"))).containsExactly("reply 3 (bob)");
        assertThat(second.at("/pageInfo/hasNextPage").asBoolean()).isFalse();
    }

    @Test
    void aNestedPageSizeOutOfRangeIsAClearError() {
        JsonNode body = server.graphQl(USER_ACTIVITIES, Map.of("handle", "alice", "first", 0));

        assertThat(body.at("/errors/0/message").asText()).contains("first must be between 1 and 100");
        assertThat(body.at("/errors/0/extensions/code").asText()).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void meIsTheSignedInUserAndNullOtherwise() {
        String me = "{ me { handle } }";

        assertThat(server.graphQl(me, Map.of(), server.bearer("sub-bob")).at("/data/me/handle").asText()).isEqualTo("bob");
        assertThat(server.graphQl(me, Map.of()).at("/data/me").isNull()).isTrue();
        assertThat(server.graphQl(me, Map.of(), "Bearer null").at("/data/me").isNull()).isTrue();
        assertThat(server.graphQl(me, Map.of(), server.bearer("sub-without-a-user")).at("/data/me").isNull()).isTrue();
    }

    @Test
    void noFieldExposesAnEmail() {
        JsonNode types = server.graphQl("{ __schema { types { name fields { name } } } }", Map.of()).at("/data/__schema/types");
        List<String> fields = new ArrayList<>();
        types.forEach(type -> type.path("fields").forEach(field -> fields.add(type.get("name").asText() + "." + field.get("name").asText())));

        assertThat(fields).contains("User.handle").noneMatch(field -> field.toLowerCase().contains("email"));
    }

    @Test
    void pagingTheHomeFeedWhileCruddersPostSkipsNothingAndRepeatsNothing(TestDatabase database) throws Exception {
        UUID dave = data.user("dave").insert();
        for (int i = 0; i < 45; i++) {
            // Groups of three share a timestamp: the uuid is what orders them.
            data.crud(dave, "dave " + i, Duration.ofMinutes(300 + i / 3), Duration.ofDays(1));
        }
        Set<String> existing = Set.copyOf(database.jdbi().withHandle(handle -> handle.createQuery("""
                SELECT uuid::text FROM activities
                WHERE reply_to_activity_uuid IS NULL AND (expires_at IS NULL OR expires_at > now())""").mapTo(String.class).list()));
        AtomicBoolean paging = new AtomicBoolean(true);
        Thread poster = new Thread(() -> {
            int n = 0;
            while (paging.get()) {
                data.crud(dave, "posted while paging " + n++, Duration.ZERO, Duration.ofDays(1));
            }
        });
        poster.start();
        List<String> seen = new ArrayList<>();
        try {
            String after = null;
            do {
                Map<String, Object> variables = new HashMap<>();
                variables.put("first", 7);
                variables.put("after", after);
                JsonNode feed = server.graphQl("""
                        query ($first: Int, $after: String) {
                          homeFeed(first: $first, after: $after) { nodes { uuid } pageInfo { hasNextPage endCursor } }
                        }""", variables).at("/data/homeFeed");
                feed.get("nodes").forEach(node -> seen.add(node.get("uuid").asText()));
                after = feed.at("/pageInfo/hasNextPage").asBoolean() ? feed.at("/pageInfo/endCursor").asText() : null;
            } while (after != null);
        } finally {
            paging.set(false);
            poster.join();
        }

        assertThat(seen).doesNotHaveDuplicates().containsAll(existing);
    }

    private static List<String> messages(JsonNode nodes) {
        return StreamSupport.stream(nodes.spliterator(), false).map(node -> node.get("message").asText()).toList();
    }
}
