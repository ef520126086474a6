package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestData;
import com.cruddur.testing.TestDatabase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Text that cannot be stored as sent (U+0000, half of a surrogate pair) is refused with its own code and writes
 * nothing: it never ends in INTERNAL, and is never stored altered (a lone surrogate as {@code ?}).
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnstorableTextOverHttpTest {

    private static final List<String> UNSTORABLE = List.of("bad \u0000 nul", "bad \ud800 surrogate", "bad \udc00 surrogate", "end \ud83d");

    private TestData data;
    private RunningServer server;
    private String alice;
    private UUID parent;

    @BeforeAll
    void start(TestDatabase database) {
        data = new TestData(database);
        UUID author = data.user("alice").cognitoUserId("sub-alice").insert();
        parent = data.crud(author, "a parent", Duration.ofMinutes(1), Duration.ofDays(1));
        server = RunningServer.startWithLocalIssuer(database);
        alice = server.bearer("sub-alice");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void eachTextFieldRefusesWhatItCannotStoreWithItsOwnCode() {
        for (String text : UNSTORABLE) {
            assertRefused("mutation ($text: String!) { createActivity(input: {message: $text, ttl: ONE_DAY}) { activity { uuid } errors { field code } } }",
                    Map.of("text", text), "createActivity", "message_invalid_characters");
            assertRefused("mutation ($text: String!, $parent: UUID!) { replyToActivity(input: {activityUuid: $parent, message: $text}) { activity { uuid } errors { field code } } }",
                    Map.of("text", text, "parent", parent.toString()), "replyToActivity", "message_invalid_characters");
            assertRefused("mutation ($text: String!) { updateProfile(input: {displayName: $text}) { user { handle } errors { field code } } }",
                    Map.of("text", text), "updateProfile", "display_name_invalid_characters");
            assertRefused("mutation ($text: String) { updateProfile(input: {displayName: \"Alice\", bio: $text}) { user { handle } errors { field code } } }",
                    Map.of("text", text), "updateProfile", "bio_invalid_characters");
        }
    }

    @Test
    void aLoneSurrogateEscapedInTheJsonBodyIsRefusedNotStoredAsAQuestionMark() {
        String before = data.snapshot();
        String body = "{\"query\": \"mutation ($m: String!) { createActivity(input: {message: $m, ttl: ONE_DAY}) { activity { uuid } errors { code } } }\","
                + " \"variables\": {\"m\": \"bad \\ud800 surrogate\"}}";

        JsonNode response = RunningServer.read(server.send(HttpRequest.newBuilder(server.uri("/graphql"))
                .header("Content-Type", "application/json").header("Authorization", alice)
                .POST(HttpRequest.BodyPublishers.ofString(body))).body());

        assertThat(response.at("/data/createActivity/errors/0/code").asText()).isEqualTo("message_invalid_characters");
        assertThat(data.snapshot()).isEqualTo(before);
    }

    @Test
    void aLoneSurrogateInADocumentLiteralIsRefusedToo() {
        String before = data.snapshot();

        JsonNode response = postEscaped("mutation { createActivity(input: {message: \"bad \\ud800 surrogate\", ttl: ONE_DAY}) { activity { uuid } errors { code } } }",
                Map.of());

        assertThat(response.at("/errors/0/extensions/code").asText()).isEqualTo("GRAPHQL_PARSE_FAILED");
        assertThat(data.snapshot()).isEqualTo(before);
    }

    @Test
    void aWholeSurrogatePairIsStoredAsSent() {
        JsonNode payload = postEscaped("mutation ($m: String!) { createActivity(input: {message: $m, ttl: ONE_DAY}) { activity { message } errors { code } } }",
                Map.of("m", "pair \ud83d\ude00 ok")).at("/data/createActivity");

        assertThat(payload.get("errors")).isEmpty();
        assertThat(payload.at("/activity/message").asText()).isEqualTo("pair 😀 ok");
    }

    private void assertRefused(String mutation, Map<String, Object> variables, String field, String code) {
        String before = data.snapshot();

        JsonNode response = postEscaped(mutation, variables);

        List<String> codes = new ArrayList<>();
        response.at("/data/" + field + "/errors").forEach(error -> codes.add(error.get("code").asText()));
        assertThat(response.has("errors")).as(response.toString()).isFalse();
        assertThat(codes).as(variables.toString()).containsExactly(code);
        assertThat(data.snapshot()).isEqualTo(before);
    }

    /** POSTs with every non-ASCII character as a JSON escape: a lone surrogate reaches the server exactly as written. */
    private JsonNode postEscaped(String query, Map<String, Object> variables) {
        String body;
        try {
            body = ESCAPING.writeValueAsString(Map.of("query", query, "variables", variables));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return RunningServer.read(server.send(HttpRequest.newBuilder(server.uri("/graphql"))
                .header("Content-Type", "application/json").header("Authorization", alice)
                .POST(HttpRequest.BodyPublishers.ofString(body))).body());
    }

    private static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
}
