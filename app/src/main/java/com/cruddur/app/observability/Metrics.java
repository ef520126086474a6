package com.cruddur.app.observability;

import graphql.ErrorClassification;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.language.OperationDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The server's meters, in one Prometheus registry. Every tag takes its values from a bounded set: a client can
 * choose a path, a method or an operation name, but not grow the registry without end.
 */
public final class Metrics implements AutoCloseable {

    /** Operation names get their own series up to this many distinct names; later ones count as {@code other}. */
    static final int MAX_OPERATION_NAMES = 100;
    private static final int MAX_OPERATION_NAME_LENGTH = 64;
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final DistributionSummary statementsPerRequest;
    private final Set<String> operationNames = new HashSet<>();
    private final List<LongSupplier> countedFunctions = new CopyOnWriteArrayList<>();

    public Metrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        statementsPerRequest = DistributionSummary.builder("graphql.request.statements")
                .description("SQL statements run by one GraphQL request")
                .baseUnit("statements")
                .register(registry);
    }

    /** The registry, for libraries with their own Micrometer meters (HikariCP). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text format of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** One HTTP request; {@code route} is the matched route template (never the raw path). */
    public void httpRequest(String method, String route, int status, long nanos) {
        Timer.builder("http.server.requests")
                .description("HTTP requests, by route template and status")
                .tag("method", METHODS.contains(method) ? method : "OTHER")
                .tag("uri", route)
                .tag("status", Integer.toString(status))
                .tag("outcome", Outcome.forStatus(status).name())
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * One executed GraphQL request: its type and outcome, its errors by {@code extensions.code}, and the SQL
     * statements it ran. {@code operation} is null when the request never reached execution (it did not parse or
     * validate).
     */
    public void graphQlOperation(OperationDefinition operation, ExecutionResult result, long nanos, int statements) {
        String outcome = result.getErrors().isEmpty() ? "success" : result.isDataPresent() ? "error" : "rejected";
        Timer.builder("graphql.requests")
                .description("GraphQL operations, by type, operation name and outcome")
                .tag("type", operation == null ? "none" : operation.getOperation().name().toLowerCase(Locale.ROOT))
                .tag("operation", operation == null ? "none" : boundedName(operation.getName()))
                .tag("outcome", outcome)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        graphQlErrors(result);
        statementsPerRequest.record(statements);
    }

    /**
     * GraphQL over WebSocket, read when scraped: open sockets, operations running on them (subscriptions mostly), and
     * the distinct subscription executions they share (subscribers of the same operation share one).
     */
    public void webSocket(Supplier<Number> sockets, Supplier<Number> operations, Supplier<Number> executions) {
        Gauge.builder("graphql.ws.sockets", sockets).description("open GraphQL WebSockets").register(registry);
        Gauge.builder("graphql.ws.operations", operations)
                .description("operations running on GraphQL WebSockets (subscriptions, and queries in flight)").register(registry);
        Gauge.builder("graphql.ws.executions", executions)
                .description("distinct subscription executions, each shared by its subscribers").register(registry);
    }

    /** A GraphQL WebSocket the server closed, by close code (a bounded set: the protocol's codes). */
    public void webSocketClosed(int code) {
        Counter.builder("graphql.ws.closed")
                .description("GraphQL WebSockets closed by the server, by close code")
                .tag("code", Integer.toString(code))
                .register(registry)
                .increment();
    }

    /** The errors of a result, by {@code extensions.code} (or graphql-java's classification when it has none). */
    private void graphQlErrors(ExecutionResult result) {
        for (GraphQLError error : result.getErrors()) {
            errorCounter(codeOf(error)).increment();
        }
    }

    /**
     * The shared home-feed page, read when scraped: how first pages of {@code homeFeed} were answered, by outcome
     * ({@code hit}: from the page; {@code read}: read from the database for the page; {@code wait}: waited for another
     * request's read; {@code bypass}: from the database, the page not in use).
     */
    public void feedSharedPage(Map<String, LongSupplier> countsByOutcome) {
        // A function counter holds its state weakly: these must stay reachable for as long as the registry.
        countedFunctions.addAll(countsByOutcome.values());
        countsByOutcome.forEach((outcome, count) -> FunctionCounter.builder("feed.shared.page.reads", count, LongSupplier::getAsLong)
                .description("first pages of the home feed, by how the shared page answered them")
                .tag("outcome", outcome)
                .register(registry));
    }

    /**
     * A GraphQL request answered 503 {@code UNAVAILABLE} without executing: no execution slot freed in time, or the
     * queue was full.
     */
    public void shed(String reason) {
        Counter.builder("graphql.requests.shed")
                .description("GraphQL requests refused with 503 before execution")
                .tag("reason", reason)
                .register(registry)
                .increment();
        errorCounter("UNAVAILABLE").increment();
    }

    private Counter errorCounter(String code) {
        return Counter.builder("graphql.errors")
                .description("GraphQL errors, by extensions.code")
                .tag("code", code)
                .register(registry);
    }

    private String boundedName(String name) {
        if (name == null) {
            return "anonymous";
        }
        if (name.length() > MAX_OPERATION_NAME_LENGTH) {
            return "other";
        }
        synchronized (operationNames) {
            if (operationNames.contains(name) || operationNames.size() < MAX_OPERATION_NAMES && operationNames.add(name)) {
                return name;
            }
        }
        return "other";
    }

    private static String codeOf(GraphQLError error) {
        Map<String, Object> extensions = error.getExtensions();
        if (extensions != null && extensions.get("code") instanceof String code && CODE.matcher(code).matches()) {
            return code;
        }
        ErrorClassification classification = error.getErrorType();
        return classification instanceof Enum<?> known ? known.name() : "OTHER";
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
