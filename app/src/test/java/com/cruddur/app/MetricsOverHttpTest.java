package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.database.DevelopmentSeed;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /metrics on the management port, scraped after a known sequence of requests on the public port. */
@ExtendWith(PostgresExtension.class)
class MetricsOverHttpTest {

    private static final String FEED = "query HomeFeed { homeFeed(first: 5) { nodes { message author { handle } } } }";

    @Test
    void theScrapeCountsEachRequestByRouteStatusOperationAndOutcome(TestDatabase database) {
        DevelopmentSeed.apply(database.dataSource());
        try (RunningServer server = RunningServer.start(database)) {
            String before = server.metrics();

            server.postGraphQl(FEED, Map.of());
            server.postGraphQl(FEED, Map.of());
            server.postGraphQl("query { user(handle: \"andrewbrown\") { handle } }", Map.of());
            server.postGraphQl("{ homeFeed(first: 5) {", Map.of());                        // does not parse
            server.postGraphQl("{ homeFeed(first: 500) { nodes { uuid } } }", Map.of());  // BAD_USER_INPUT, HTTP 200
            server.postGraphQl("mutation Post { createActivity(input: {message: \"hi\", ttl: ONE_DAY}) { activity { uuid } } }", Map.of());
            for (int i = 0; i < 150; i++) {
                server.postGraphQl("query Name" + i + " { __typename }", Map.of());
            }
            server.get("/api/health-check");
            server.get("/no/such/page/" + System.nanoTime());
            HttpResponse<String> publicMetrics = server.get("/metrics");

            String after = server.metrics();
            assertThat(publicMetrics.statusCode()).as("/metrics on the public port").isEqualTo(404);
            assertThat(value(after, "http_server_requests_seconds_count", "method=\"POST\"", "uri=\"/graphql\"", "status=\"200\""))
                    .isEqualTo(155);
            assertThat(value(after, "http_server_requests_seconds_count", "method=\"POST\"", "uri=\"/graphql\"", "status=\"400\""))
                    .as("the syntax error").isEqualTo(1);
            assertThat(value(after, "http_server_requests_seconds_count", "uri=\"/api/health-check\"", "status=\"200\"")).isEqualTo(1);
            assertThat(value(after, "http_server_requests_seconds_count", "uri=\"NOT_FOUND\"", "status=\"404\"")).isEqualTo(2);
            assertThat(after).doesNotContain("/no/such/page");

            assertThat(value(after, "graphql_requests_seconds_count", "type=\"query\"", "operation=\"HomeFeed\"", "outcome=\"success\""))
                    .isEqualTo(2);
            assertThat(value(after, "graphql_requests_seconds_count", "type=\"query\"", "operation=\"anonymous\"", "outcome=\"success\""))
                    .isEqualTo(1);
            assertThat(value(after, "graphql_requests_seconds_count", "type=\"none\"", "outcome=\"rejected\"")).isEqualTo(1);
            assertThat(value(after, "graphql_requests_seconds_count", "type=\"query\"", "operation=\"anonymous\"", "outcome=\"error\""))
                    .isEqualTo(1);
            assertThat(value(after, "graphql_requests_seconds_count", "type=\"mutation\"", "operation=\"Post\"", "outcome=\"error\""))
                    .as("an anonymous write").isEqualTo(1);
            assertThat(value(after, "graphql_errors_total", "code=\"UNAUTHENTICATED\"")).isEqualTo(1);
            assertThat(value(after, "graphql_errors_total", "code=\"BAD_USER_INPUT\"")).isEqualTo(1);
            assertThat(value(after, "graphql_errors_total", "code=\"GRAPHQL_PARSE_FAILED\"")).isEqualTo(1);

            // 150 client-chosen names, but the registry keeps its own series for a bounded number of them.
            long namedSeries = after.lines().filter(line -> line.startsWith("graphql_requests_seconds_count")
                    && line.contains("operation=\"Name")).count();
            assertThat(namedSeries).isLessThanOrEqualTo(100 - 2);
            assertThat(value(after, "graphql_requests_seconds_count", "operation=\"other\"")).isEqualTo(150 - namedSeries);

            // A feed page with its authors is 1 statement, and the second none (the shared page holds it); the user 1;
            // the refused requests none.
            assertThat(value(after, "graphql_request_statements_count") - value(before, "graphql_request_statements_count"))
                    .isEqualTo(156);
            assertThat(value(after, "graphql_request_statements_sum") - value(before, "graphql_request_statements_sum"))
                    .isEqualTo(1 + 0 + 1);
            assertThat(value(after, "feed_shared_page_reads_total", "outcome=\"read\"")).isEqualTo(1);
            assertThat(value(after, "feed_shared_page_reads_total", "outcome=\"hit\"")).isEqualTo(1);

            assertThat(value(after, "hikaricp_connections_max", "pool=\"cruddur\"")).isEqualTo(8);
            assertThat(value(after, "hikaricp_connections_active", "pool=\"cruddur\"")).isZero();
            assertThat(after).contains("hikaricp_connections_idle{", "hikaricp_connections_pending{", "hikaricp_connections_timeout_total{",
                    "jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads", "process_uptime_seconds", "process_cpu_usage",
                    "process_files_open_files");
        }
    }

    @Test
    void aRequestShedWith503IsCounted(TestDatabase database) throws Exception {
        DevelopmentSeed.apply(database.dataSource());
        try (RunningServer server = RunningServer.start(database, Map.of("GRAPHQL_WORKERS", "1", "DB_POOL_TIMEOUT_MS", "300"));
             Connection blocker = database.dataSource().getConnection();
             Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE activities IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> server.postGraphQl(FEED, Map.of()));
            awaitASessionWaitingForALock(database);

            assertThat(server.postGraphQl(FEED, Map.of()).statusCode()).isEqualTo(503);
            blocker.rollback();
            assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);

            String metrics = server.metrics();
            assertThat(value(metrics, "graphql_requests_shed_total", "reason=\"wait_timeout\"")).isEqualTo(1);
            assertThat(value(metrics, "graphql_errors_total", "code=\"UNAVAILABLE\"")).isEqualTo(1);
            assertThat(value(metrics, "http_server_requests_seconds_count", "uri=\"/graphql\"", "status=\"503\"")).isEqualTo(1);
        }
    }

    @Test
    void theManagementPortAnswersOnlyMetrics(TestDatabase database) {
        try (RunningServer server = RunningServer.start(database)) {
            String metricsUrl = server.metricsUri().toString();
            HttpResponse<String> scrape = server.send(HttpRequest.newBuilder(server.metricsUri()).GET());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            assertThat(server.send(HttpRequest.newBuilder(URI.create(metricsUrl.replace("/metrics", "/graphql"))).GET()).statusCode())
                    .isEqualTo(404);
            assertThat(server.send(HttpRequest.newBuilder(server.metricsUri()).POST(HttpRequest.BodyPublishers.noBody())).statusCode())
                    .isEqualTo(405);
        }
    }

    /** The sum of the samples of {@code name} whose labels include every one given (0 when there is none). */
    static double value(String scrape, String name, String... labels) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{.*})? (\\S+)$");
        double total = 0;
        for (String line : scrape.lines().toList()) {
            Matcher matcher = sample.matcher(line);
            if (matcher.matches()) {
                String found = matcher.group(1) == null ? "" : matcher.group(1);
                boolean all = true;
                for (String label : labels) {
                    all &= found.contains(label);
                }
                if (all) {
                    total += Double.parseDouble(matcher.group(2));
                }
            }
        }
        return total;
    }

    private static void awaitASessionWaitingForALock(TestDatabase database) throws Exception {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (int attempt = 0; attempt < 100; attempt++) {
                try (ResultSet waiting = statement.executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")) {
                    waiting.next();
                    if (waiting.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the first request never reached the locked table");
    }
}
