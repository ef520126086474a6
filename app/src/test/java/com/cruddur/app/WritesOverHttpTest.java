package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestData;
import com.cruddur.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The mutations over HTTP: who may write, what is written, and that a refused write writes nothing. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WritesOverHttpTest {

    private static final String CREATE = """
            mutation ($message: String!, $ttl: Ttl!) {
              createActivity(input: {message: $message, ttl: $ttl}) {
                activity { uuid message expiresAt createdAt author { handle } }
                errors { field code message }
              }
            }""";
    private static final String REPLY = """
            mutation ($parent: UUID!, $message: String!) {
              replyToActivity(input: {activityUuid: $parent, message: $message}) {
                activity { uuid message expiresAt author { handle } replyTo { uuid repliesCount } }
                errors { field code message }
              }
            }""";
    private static final String UPDATE_PROFILE = """
            mutation ($displayName: String!, $bio: String) {
              updateProfile(input: {displayName: $displayName, bio: $bio}) {
                user { handle displayName bio }
                errors { field code message }
              }
            }""";

    private TestDatabase database;
    private String alice;
    private String ghost;
    private TestData data;
    private RunningServer server;
    private UUID bobCrud;
    private UUID expiredCrud;

    @BeforeAll
    void start(TestDatabase database) {
        this.database = database;
        data = new TestData(database);
        data.user("alice").insert();
        UUID bob = data.user("bob").insert();
        bobCrud = data.crud(bob, "bob's crud", Duration.ofMinutes(5), Duration.ofDays(1));
        expiredCrud = data.crud(bob, "bob's expired crud", Duration.ofHours(2), Duration.ofMinutes(-1));
        server = RunningServer.startWithLocalIssuer(database);
        alice = server.bearer("sub-alice");
        ghost = server.bearer("sub-signed-up-but-not-recorded");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aCrudIsTheSignedInUsersAndExpiresAfterItsTtl() {
        JsonNode payload = server.graphQl(CREATE, Map.of("message", "hello 😀", "ttl", "TWELVE_HOURS"), alice)
                .at("/data/createActivity");

        assertThat(payload.get("errors")).isEmpty();
        JsonNode activity = payload.get("activity");
        assertThat(activity.at("/author/handle").asText()).isEqualTo("alice");
        assertThat(Duration.between(Instant.parse(activity.get("createdAt").asText()), Instant.parse(activity.get("expiresAt").asText())))
                .isEqualTo(Duration.ofHours(12));
        assertThat(database.queryValue("SELECT u.handle FROM activities a JOIN users u ON u.uuid = a.user_uuid WHERE a.uuid = '"
                + activity.get("uuid").asText() + "'", String.class)).isEqualTo("alice");
    }

    @Test
    void aCrudOf280CodePointsIsAcceptedAnd281AreNot() {
        assertThat(codes(create("😀".repeat(280), alice))).isEmpty();
        assertRefusedWithoutWriting(() -> create("😀".repeat(281), alice), "message_exceed_max_chars");
    }

    @Test
    void eachCreateRuleAloneAndAllTogether() {
        assertRefusedWithoutWriting(() -> create("", alice), "message_blank");
        assertRefusedWithoutWriting(() -> create(" \n\t\u3000", alice), "message_blank");
        assertRefusedWithoutWriting(() -> create("fine", ghost), "user_not_found");
        assertRefusedWithoutWriting(() -> create("   ", ghost), "message_blank", "user_not_found");
    }

    @Test
    void anUnknownTtlIsRefusedByTheSchema() {
        String before = data.snapshot();

        HttpResponse<String> response = server.postGraphQl(CREATE, Map.of("message", "hi", "ttl", "FOREVER"), alice);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(data.snapshot()).isEqualTo(before);
    }

    @Test
    void writingWithoutSigningInIsUnauthenticatedAndWritesNothing() {
        String before = data.snapshot();
        for (String authorization : new String[] {null, "Bearer null", "Bearer not-a-token"}) {
            for (JsonNode body : List.of(
                    server.graphQl(CREATE, Map.of("message", "hi", "ttl", "ONE_HOUR"), authorization),
                    server.graphQl(REPLY, Map.of("parent", bobCrud.toString(), "message", "hi"), authorization),
                    server.graphQl(UPDATE_PROFILE, Map.of("displayName", "Hacker"), authorization))) {
                assertThat(body.get("data").isNull()).isTrue();
                assertThat(body.at("/errors/0/extensions/code").asText()).isEqualTo("UNAUTHENTICATED");
            }
        }
        assertThat(data.snapshot()).isEqualTo(before);
    }

    @Test
    void aReplyNeverExpiresAndCountsOnItsParent() {
        UUID parent = data.crud(data.user("dora").insert(), "a crud to reply to", Duration.ofMinutes(1), Duration.ofDays(1));

        JsonNode payload = reply(parent, "x".repeat(1024), alice);

        assertThat(payload.get("errors")).isEmpty();
        assertThat(payload.at("/activity/expiresAt").isNull()).isTrue();
        assertThat(payload.at("/activity/author/handle").asText()).isEqualTo("alice");
        assertThat(payload.at("/activity/replyTo/uuid").asText()).isEqualTo(parent.toString());
        assertThat(payload.at("/activity/replyTo/repliesCount").asInt()).isEqualTo(1);
    }

    @Test
    void eachReplyRuleAloneAndAllTogether() {
        assertRefusedWithoutWriting(() -> reply(bobCrud, " ", alice), "message_blank");
        assertRefusedWithoutWriting(() -> reply(bobCrud, "x".repeat(1025), alice), "message_exceed_max_chars_1024");
        assertRefusedWithoutWriting(() -> reply(UUID.randomUUID(), "hi", alice), "activity_not_found");
        assertRefusedWithoutWriting(() -> reply(expiredCrud, "hi", alice), "activity_not_found");
        assertRefusedWithoutWriting(() -> reply(bobCrud, "hi", ghost), "user_not_found");
        assertRefusedWithoutWriting(() -> reply(UUID.randomUUID(), "", ghost), "message_blank", "activity_not_found", "user_not_found");
    }

    @Test
    void concurrentRepliesAreEachCountedExactlyOnce() throws Exception {
        UUID parent = data.crud(data.user("erin").insert(), "popular", Duration.ofMinutes(1), Duration.ofDays(1));
        int replies = 24;
        ExecutorService pool = Executors.newFixedThreadPool(replies);
        try {
            List<Future<JsonNode>> results = new ArrayList<>();
            for (int i = 0; i < replies; i++) {
                String message = "reply " + i;
                results.add(pool.submit(() -> reply(parent, message, alice)));
            }
            for (Future<JsonNode> result : results) {
                assertThat(result.get().get("errors")).isEmpty();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(database.queryValue("SELECT replies_count FROM activities WHERE uuid = '" + parent + "'", Integer.class)).isEqualTo(replies);
        assertThat(database.queryValue("SELECT count(*) FROM activities WHERE reply_to_activity_uuid = '" + parent + "'", Long.class))
                .isEqualTo(replies);
    }

    @Test
    void aProfileUpdateChangesTheCallersRowOnly() {
        String bobBefore = database.queryValue("SELECT concat_ws('|', display_name, bio) FROM users WHERE handle = 'bob'", String.class);

        JsonNode payload = updateProfile("  Alice Liddell  ", "Down the rabbit hole.", alice);

        assertThat(payload.get("errors")).isEmpty();
        assertThat(payload.at("/user/handle").asText()).isEqualTo("alice");
        assertThat(payload.at("/user/displayName").asText()).isEqualTo("Alice Liddell");
        assertThat(payload.at("/user/bio").asText()).isEqualTo("Down the rabbit hole.");
        assertThat(database.queryValue("SELECT concat_ws('|', display_name, bio) FROM users WHERE handle = 'bob'", String.class))
                .isEqualTo(bobBefore);
        assertThat(updateProfile("Alice", "  ", alice).at("/user/bio").isNull()).as("a blank bio clears it").isTrue();
    }

    @Test
    void eachProfileRuleAloneAndAllTogether() {
        assertRefusedWithoutWriting(() -> updateProfile(" ", null, alice), "display_name_blank");
        assertRefusedWithoutWriting(() -> updateProfile("😀".repeat(101), null, alice), "display_name_exceed_max_chars");
        assertRefusedWithoutWriting(() -> updateProfile("Alice", "b".repeat(501), alice), "bio_exceed_max_chars");
        assertRefusedWithoutWriting(() -> updateProfile("Ghost", null, ghost), "user_not_found");
        assertRefusedWithoutWriting(() -> updateProfile("", "b".repeat(501), ghost), "display_name_blank", "bio_exceed_max_chars", "user_not_found");
    }

    private void assertRefusedWithoutWriting(java.util.function.Supplier<JsonNode> write, String... expectedCodes) {
        String before = data.snapshot();

        JsonNode payload = write.get();

        assertThat(codes(payload)).containsExactlyInAnyOrder(expectedCodes);
        assertThat(payload.get("errors")).allSatisfy(error -> assertThat(error.get("message").asText()).isNotBlank());
        JsonNode written = payload.has("activity") ? payload.get("activity") : payload.get("user");
        assertThat(written.isNull()).as("nothing is returned as written").isTrue();
        assertThat(data.snapshot()).isEqualTo(before);
    }

    private JsonNode create(String message, String authorization) {
        return server.graphQl(CREATE, Map.of("message", message, "ttl", "ONE_DAY"), authorization).at("/data/createActivity");
    }

    private JsonNode reply(UUID parent, String message, String authorization) {
        return server.graphQl(REPLY, Map.of("parent", parent.toString(), "message", message), authorization).at("/data/replyToActivity");
    }

    private JsonNode updateProfile(String displayName, String bio, String authorization) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("displayName", displayName);
        variables.put("bio", bio);
        return server.graphQl(UPDATE_PROFILE, variables, authorization).at("/data/updateProfile");
    }

    private static List<String> codes(JsonNode payload) {
        return StreamSupport.stream(payload.get("errors").spliterator(), false).map(error -> error.get("code").asText()).toList();
    }
}
