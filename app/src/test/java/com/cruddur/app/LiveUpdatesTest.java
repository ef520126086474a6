package com.cruddur.app;

import static com.cruddur.app.GraphQlOverWebSocketTest.ACTIVITY_CREATED;
import static com.cruddur.app.GraphQlOverWebSocketTest.CREATE;
import static com.cruddur.app.GraphQlOverWebSocketTest.awaitSubscribed;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestData;
import com.cruddur.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How events travel: only committed writes notify, every instance on the database hears every write, and stopping says 1001. */
@ExtendWith(PostgresExtension.class)
class LiveUpdatesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aWriteRolledBackAtCommitDeliversNothing(TestDatabase database) {
        new TestData(database).user("alice").insert();
        // The insert itself succeeds (and has queued its notification); the commit then fails and rolls it back.
        database.execute("""
                CREATE FUNCTION refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.message = 'rolled back at commit' THEN RAISE EXCEPTION 'refused at commit'; END IF;
                  RETURN NULL;
                END $$;
                CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON activities
                  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_at_commit();""");
        try (RunningServer server = RunningServer.startWithLocalIssuer(database);
             WsClient client = WsClient.connect(server.port()).init(null)) {
            String alice = server.bearer("sub-alice");
            client.subscribe("feed", ACTIVITY_CREATED, null);
            awaitSubscribed();

            JsonNode refused = server.graphQl(CREATE, Map.of("message", "rolled back at commit"), alice);
            assertThat(refused.at("/errors/0/extensions/code").asText()).isEqualTo("INTERNAL");
            String committed = server.graphQl(CREATE, Map.of("message", "committed"), alice)
                    .at("/data/createActivity/activity/uuid").asText();

            JsonNode next = client.next(WAIT);
            assertThat(next.at("/payload/data/activityCreated/uuid").asText()).isEqualTo(committed);
            assertThat(client.drain(Duration.ofMillis(700))).isEmpty();
            assertThat(database.queryValue("SELECT count(*) FROM activities WHERE message = 'rolled back at commit'", Long.class))
                    .isZero();
        }
    }

    @Test
    void aSubscriberOnOneInstanceHearsACrudCreatedThroughAnother(TestDatabase database) {
        new TestData(database).user("bob").insert();
        try (RunningServer a = RunningServer.startWithLocalIssuer(database);
             RunningServer b = RunningServer.startWithLocalIssuer(database);
             WsClient onA = WsClient.connect(a.port()).init(null)) {
            onA.subscribe("feed", ACTIVITY_CREATED, null);
            awaitSubscribed();

            String uuid = b.graphQl(CREATE, Map.of("message", "written through b"), b.bearer("sub-bob"))
                    .at("/data/createActivity/activity/uuid").asText();

            JsonNode next = onA.next(WAIT);
            assertThat(next.at("/payload/data/activityCreated/uuid").asText()).isEqualTo(uuid);
            assertThat(next.at("/payload/data/activityCreated/author/handle").asText()).isEqualTo("bob");
            assertThat(onA.drain(Duration.ofMillis(700))).isEmpty();
        }
    }

    @Test
    void stoppingAnInstanceClosesItsSocketsWith1001AndTheOtherInstanceTakesOver(TestDatabase database) {
        new TestData(database).user("carol").insert();
        try (RunningServer staying = RunningServer.startWithLocalIssuer(database)) {
            RunningServer stopping = RunningServer.startWithLocalIssuer(database);
            WsClient client = WsClient.connect(stopping.port()).init(null);
            client.subscribe("feed", ACTIVITY_CREATED, null);
            awaitSubscribed();

            stopping.close();

            assertThat(client.awaitClose(WAIT)).isEqualTo(new WsClient.Closed(1001, "the server is stopping"));
            client.close();
            try (WsClient again = WsClient.connect(staying.port()).init(null)) {
                again.subscribe("feed", ACTIVITY_CREATED, null);
                awaitSubscribed();
                String uuid = staying.graphQl(CREATE, Map.of("message", "after the move"), staying.bearer("sub-carol"))
                        .at("/data/createActivity/activity/uuid").asText();
                assertThat(again.next(WAIT).at("/payload/data/activityCreated/uuid").asText()).isEqualTo(uuid);
            }
        }
    }
}
