package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.cruddur.app.auth.CapturedLog;
import com.cruddur.database.DevelopmentSeed;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import com.cruddur.testing.TestPostgresServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** W3C trace context: a caller's trace id is continued, or one is started, and it follows the request everywhere. */
@ExtendWith(PostgresExtension.class)
class TracingOverHttpTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
    private static final String FEED = "{\"query\":\"{ homeFeed(first: 1) { nodes { uuid } } }\"}";

    @Test
    void aCallersTraceIsContinuedInTheResponseHeaderAndEveryLogLineOfTheRequest(TestDatabase database) {
        try (RunningServer server = RunningServer.start(database); CapturedLog log = new CapturedLog("com.cruddur.requests")) {
            HttpResponse<String> response = post(server, CALLER);

            String traceparent = response.headers().firstValue("traceparent").orElseThrow();
            assertThat(traceparent).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01").doesNotContain("00f067aa0ba902b7");
            String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
            ILoggingEvent line = log.events().stream()
                    .filter(event -> requestId.equals(event.getMDCPropertyMap().get("requestId"))).findFirst().orElseThrow();
            assertThat(line.getMDCPropertyMap()).containsEntry("traceId", TRACE_ID);
        }
    }

    @Test
    void withoutAValidTraceparentANewTraceStartsForEachRequest(TestDatabase database) {
        try (RunningServer server = RunningServer.start(database)) {
            for (String invalid : new String[] {null, "garbage", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01",
                    "00-" + TRACE_ID + "-" + "0".repeat(16) + "-01", "ff-" + TRACE_ID + "-00f067aa0ba902b7-01",
                    "00-" + TRACE_ID.toUpperCase() + "-00f067aa0ba902b7-01", CALLER + "-extra"}) {
                String traceparent = post(server, invalid).headers().firstValue("traceparent").orElseThrow();
                assertThat(traceparent).as("for %s", invalid).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00").doesNotContain(TRACE_ID);
            }
            String first = post(server, null).headers().firstValue("traceparent").orElseThrow();
            String second = post(server, null).headers().firstValue("traceparent").orElseThrow();
            assertThat(first.substring(3, 35)).isNotEqualTo(second.substring(3, 35));
            assertThat(post(server, "01-" + TRACE_ID + "-00f067aa0ba902b7-00-future").headers().firstValue("traceparent"))
                    .as("a later version's extra fields").hasValueSatisfying(value -> assertThat(value).contains(TRACE_ID));
        }
    }

    @Test
    void anInternalErrorCarriesTheTraceIdBesideTheRequestIdAndSoDoesItsLogLine() {
        try (TestDatabase database = TestPostgresServer.get().createDatabase()) {
            DevelopmentSeed.apply(database.dataSource());
            database.execute("ALTER TABLE users RENAME COLUMN bio TO biography");
            try (RunningServer server = RunningServer.start(database);
                 CapturedLog log = new CapturedLog("com.cruddur.app.graphql.ErrorClassifier")) {
                HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/graphql"))
                        .header("Content-Type", "application/json").header("traceparent", CALLER)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ user(handle: \\\"andrewbrown\\\") { bio } }\"}")));

                JsonNode extensions = RunningServer.read(response.body()).at("/errors/0/extensions");
                assertThat(extensions.get("code").asText()).isEqualTo("INTERNAL");
                assertThat(extensions.get("traceId").asText()).isEqualTo(TRACE_ID);
                assertThat(extensions.get("requestId").asText()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
                assertThat(log.events()).anySatisfy(event -> assertThat(event.getMDCPropertyMap())
                        .containsEntry("traceId", TRACE_ID)
                        .containsEntry("requestId", extensions.get("requestId").asText()));
            }
        }
    }

    private static HttpResponse<String> post(RunningServer server, String traceparent) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FEED));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return server.send(request);
    }
}
