package com.cruddur.app.graphql;

import com.cruddur.app.observability.Metrics;
import com.cruddur.app.observability.StatementCounter;
import com.cruddur.graphql.GraphQlModule;
import com.cruddur.graphql.SharedTypes;
import com.cruddur.kernel.Viewer;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.dataloader.DataLoaderDispatchingContextKeys;
import graphql.introspection.Introspection;
import graphql.language.OperationDefinition;
import graphql.parser.ParserOptions;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.WiringFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoaderRegistry;
import org.reactivestreams.Publisher;

/** The one GraphQL schema, stitched from the shared types' and every module's schema file, and its execution. */
public final class GraphQlApi {

    static final String REQUEST_ID = "requestId";
    static final String QUERY_ONLY = "queryOnly";
    static final String TRACE_ID = "traceId";

    private final GraphQL graphQL;
    private final List<GraphQlModule> modules;
    private final GraphQlLimits limits;
    private final ParserOptions parserOptions;
    private final Metrics metrics;

    private GraphQlApi(GraphQLSchema schema, List<GraphQlModule> modules, GraphQlLimits limits, Metrics metrics) {
        this.modules = modules;
        this.limits = limits;
        this.metrics = metrics;
        this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(options -> options.maxTokens(limits.maxTokens()));
        this.graphQL = GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(new ErrorClassifier())
                .preparsedDocumentProvider(new DocumentCache(DocumentCache.DEFAULT_MAX_BYTES))
                .instrumentation(new OperationRecorder(new QueryLimits(limits)))
                .build();
    }

    public static GraphQlApi assemble(List<GraphQlModule> modules, GraphQlLimits limits, Metrics metrics) {
        TypeDefinitionRegistry types = new TypeDefinitionRegistry();
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring()
                .wiringFactory(new WiringFactory() {
                    @Override
                    public DataFetcher<?> getDefaultDataFetcher(FieldWiringEnvironment field) {
                        return new RecordComponentDataFetcher(field.getFieldDefinition().getName());
                    }
                });
        for (GraphQlModule module : withSharedTypes(modules)) {
            types.merge(new SchemaParser().parse(read(module.schemaResource())));
            module.wire(wiring);
        }
        return new GraphQlApi(new SchemaGenerator().makeExecutableSchema(types, wiring.build()), List.copyOf(modules), limits, metrics);
    }

    /**
     * A query or mutation, recorded in the metrics; {@code requestId} and {@code traceId} label its errors. A
     * subscription is refused: its events need a WebSocket ({@link #subscribe}).
     */
    public CompletableFuture<ExecutionResult> execute(GraphQlRequest request, Viewer viewer, String requestId, String traceId) {
        return run(request, viewer, requestId, traceId, false).thenApply(result -> {
            if (result.getData() instanceof Publisher<?>) {
                // Nothing was subscribed to: the event stream starts only when someone subscribes to it.
                return ExecutionResult.newExecutionResult().addError(GraphqlErrorBuilder.newError()
                        .message("subscriptions are served over WebSocket (graphql-transport-ws on /graphql)")
                        .extensions(Map.of("code", ErrorCodes.SUBSCRIPTION_NEEDS_WEBSOCKET)).build()).build();
            }
            return result;
        });
    }

    /**
     * A subscription, executed anonymously (subscriptions are public): on success the result's data is a
     * {@code Publisher<ExecutionResult>} of its events, in order; otherwise the result holds the errors.
     */
    CompletableFuture<ExecutionResult> subscribe(GraphQlRequest request, String requestId) {
        return run(request, Viewer.anonymous(), requestId, requestId, true);
    }

    private CompletableFuture<ExecutionResult> run(GraphQlRequest request, Viewer viewer, String requestId, String traceId,
                                                   boolean subscription) {
        // DataLoaders are dispatched whenever no data fetcher is running: it batches as well as graphql-java's default
        // per-level dispatch, without the per-object bookkeeping that took about 8% of a feed request's CPU.
        DataLoaderRegistry dataLoaders = new DataLoaderRegistry();
        modules.forEach(module -> module.registerDataLoaders(dataLoaders));
        Map<Object, Object> context = new HashMap<>(Map.of(Viewer.class, viewer, REQUEST_ID, requestId, TRACE_ID, traceId,
                ParserOptions.class, parserOptions, Introspection.INTROSPECTION_DISABLED, !limits.introspection(),
                DataLoaderDispatchingContextKeys.ENABLE_DATA_LOADER_EXHAUSTED_DISPATCHING, true));
        context.put(QUERY_ONLY, request.queryOnly());
        if (subscription) {
            context.put(SubscriptionExecutionStrategy.KEEP_SUBSCRIPTION_EVENTS_ORDERED, true);
        }
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(request.query())
                .operationName(request.operationName())
                .variables(request.variables())
                .extensions(request.extensions())
                .graphQLContext(context)
                .locale(Locale.ENGLISH)
                .dataLoaderRegistry(dataLoaders)
                .build();
        long started = System.nanoTime();
        StatementCounter.Count statements = StatementCounter.start();
        CompletableFuture<ExecutionResult> execution;
        int statementCount;
        try {
            execution = graphQL.executeAsync(input);
        } finally {
            statementCount = statements.stop();
        }
        return execution.thenApply(result -> {
            ExecutionResult labelled = CodedErrors.label(QueryLimits.labelRefusals(result, limits));
            metrics.graphQlOperation(input.getGraphQLContext().get(OperationDefinition.class), labelled,
                    System.nanoTime() - started, statementCount);
            return labelled;
        });
    }

    /**
     * Keeps the operation being executed in the request's context, for its metrics, then has the limits judge it.
     * One instrumentation, not a {@code ChainedInstrumentation}: graphql-java asks a chain's members about every
     * field of the result, and neither of these has anything to do there.
     */
    private static final class OperationRecorder extends SimplePerformantInstrumentation {
        private final QueryLimits limits;

        OperationRecorder(QueryLimits limits) {
            this.limits = limits;
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
            parameters.getExecutionContext().getGraphQLContext()
                    .put(OperationDefinition.class, parameters.getExecutionContext().getOperationDefinition());
            return limits.beginExecuteOperation(parameters, state);
        }
    }

    private static List<GraphQlModule> withSharedTypes(List<GraphQlModule> modules) {
        List<GraphQlModule> all = new ArrayList<>();
        all.add(new SharedTypes());
        all.addAll(modules);
        return all;
    }

    private static String read(String resource) {
        ClassLoader loader = GraphQlApi.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema file " + resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One GraphQL request as the HTTP layer received it. A {@code queryOnly} request (a GET) runs queries only: a
     * mutation it selects is refused with {@code METHOD_NOT_ALLOWED} before anything runs.
     */
    public record GraphQlRequest(String query, String operationName, Map<String, Object> variables,
                                 Map<String, Object> extensions, boolean queryOnly) {
        public GraphQlRequest {
            variables = variables == null ? Map.of() : variables;
            extensions = extensions == null ? Map.of() : extensions;
        }

        public GraphQlRequest(String query, String operationName, Map<String, Object> variables, Map<String, Object> extensions) {
            this(query, operationName, variables, extensions, false);
        }
    }

}
