package com.cruddur.app.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.InvalidSyntaxError;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.introspection.IntrospectionDisabledError;
import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.VariableReference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The instrumentation that enforces {@link GraphQlLimits}, and how its refusals are recognised: each carries
 * an {@code extensions.code}, and the HTTP layer answers 400 for any of them whatever the response media type.
 * <p>
 * Depth and cost are measured in one walk of the operation, and the verdict is remembered per operation of a
 * parsed document and the values of the variables it depends on (those used as a {@code first} argument or in a
 * {@code @skip}/{@code @include} condition): a client repeating a query (the usual case) pays for the walk once,
 * whatever else its variables hold. A remembered verdict holds neither the document nor any other variable.
 */
final class QueryLimits extends SimplePerformantInstrumentation {

    private static final Set<String> CODES = Set.of(
            ErrorCodes.QUERY_TOO_DEEP, ErrorCodes.QUERY_TOO_COMPLEX, ErrorCodes.QUERY_TOO_LARGE, ErrorCodes.INTROSPECTION_DISABLED);

    /** graphql-java's message (in English: requests are executed with an English locale) when maxTokens cuts a parse short. */
    private static final String PARSE_CANCELLED_MARKER = "parsing has been cancelled";

    /** Verdicts remembered, each weighing 1 plus the values of its key: a few hundred kB at most. */
    private static final int REMEMBERED_VERDICT_WEIGHT = 10_000;

    private final GraphQlLimits limits;
    private final Cache<Operation, Optional<GraphQLError>> verdicts = Caffeine.newBuilder()
            .maximumWeight(REMEMBERED_VERDICT_WEIGHT)
            .weigher((Operation operation, Optional<GraphQLError> verdict) -> 1 + operation.values().size())
            .build();

    QueryLimits(GraphQlLimits limits) {
        this.limits = limits;
    }

    /**
     * One operation of one parsed document, compared by identity (the document cache hands out the same instance)
     * and held weakly, with the values of the variables its verdict depends on.
     */
    private static final class Operation {

        private final WeakReference<OperationDefinition> definition;
        private final int identity;
        private final List<Object> values;

        Operation(OperationDefinition definition, List<Object> values) {
            this.definition = new WeakReference<>(definition);
            this.identity = System.identityHashCode(definition);
            this.values = values;
        }

        List<Object> values() {
            return values;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            return other instanceof Operation that && definition.get() != null && definition.get() == that.definition.get()
                    && values.equals(that.values);
        }

        @Override
        public int hashCode() {
            return 31 * identity + values.hashCode();
        }
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        if (isIntrospection(context.getOperationDefinition())) {
            return SimpleInstrumentationContext.noOp();
        }
        Optional<Operation> operation = verdictKey(context);
        Optional<GraphQLError> refusal = operation.isPresent()
                ? verdicts.get(operation.get(), unknown -> measure(context))
                : measure(context);
        if (refusal.isPresent()) {
            throw new AbortExecutionException(List.of(refusal.get()));
        }
        return SimpleInstrumentationContext.noOp();
    }

    /**
     * The operation with the values of the variables that can change its verdict; empty (measure every time) when
     * one of them is not a plain number or boolean.
     */
    private static Optional<Operation> verdictKey(ExecutionContext context) {
        Set<String> names = new TreeSet<>();
        variablesTheVerdictDependsOn(context.getOperationDefinition(), false, names);
        context.getFragmentsByName().values().forEach(fragment -> variablesTheVerdictDependsOn(fragment, false, names));
        Map<String, Object> coerced = context.getCoercedVariables().toMap();
        List<Object> values = new ArrayList<>(names.size());
        for (String name : names) {
            Object value = coerced.get(name);
            if (value != null && !(value instanceof Integer) && !(value instanceof Boolean)) {
                return Optional.empty();
            }
            values.add(value);
        }
        return Optional.of(new Operation(context.getOperationDefinition(), values));
    }

    /** The variables used in a {@code first} argument or a {@code @skip}/{@code @include} condition, below {@code node}. */
    private static void variablesTheVerdictDependsOn(Node<?> node, boolean insideOne, Set<String> names) {
        if (insideOne && node instanceof VariableReference variable) {
            names.add(variable.getName());
        }
        boolean inside = insideOne
                || node instanceof Argument argument && argument.getName().equals("first")
                || node instanceof Directive directive && (directive.getName().equals("skip") || directive.getName().equals("include"));
        for (Node<?> child : node.getChildren()) {
            variablesTheVerdictDependsOn(child, inside, names);
        }
    }

    /**
     * The refusal for an operation nested too deep or too costly, if it is. A field's depth counts the fields
     * above it; a field costs 1 plus its children, and a field with a {@code first} argument costs {@code first}
     * times its children.
     */
    private Optional<GraphQLError> measure(ExecutionContext context) {
        QueryTraverser traverser = QueryTraverser.newQueryTraverser()
                .schema(context.getGraphQLSchema())
                .document(context.getDocument())
                .operationName(context.getExecutionInput().getOperationName())
                .coercedVariables(context.getCoercedVariables())
                .build();
        Map<QueryVisitorFieldEnvironment, Integer> costOfChildren = new HashMap<>();
        int[] depth = {0};
        traverser.visitPostOrder(new QueryVisitorStub() {
            @Override
            public void visitField(QueryVisitorFieldEnvironment field) {
                depth[0] = Math.max(depth[0], depthOf(field));
                int cost = field.isTypeNameIntrospectionField() ? 0 : costOf(field, costOfChildren.getOrDefault(field, 0));
                costOfChildren.merge(field.getParentEnvironment(), cost, Integer::sum);
            }
        });
        int complexity = costOfChildren.getOrDefault(null, 0);
        if (depth[0] > limits.maxDepth()) {
            return Optional.of(refusalError(ErrorCodes.QUERY_TOO_DEEP, "the query nests fields " + depth[0] + " deep; at most "
                    + limits.maxDepth() + " is allowed", ErrorType.ExecutionAborted));
        }
        if (complexity > limits.maxComplexity()) {
            return Optional.of(refusalError(ErrorCodes.QUERY_TOO_COMPLEX, "the query could return " + complexity
                    + " values; at most " + limits.maxComplexity() + " are allowed (ask for smaller pages or fewer fields)",
                    ErrorType.ExecutionAborted));
        }
        return Optional.empty();
    }

    private static int depthOf(QueryVisitorFieldEnvironment field) {
        int depth = 1;
        for (QueryVisitorFieldEnvironment parent = field.getParentEnvironment(); parent != null; parent = parent.getParentEnvironment()) {
            depth++;
        }
        return depth;
    }

    private static int costOf(QueryVisitorFieldEnvironment field, int costOfChildren) {
        int pageSize = field.getArguments().get("first") instanceof Integer first ? Math.max(first, 1) : 1;
        return 1 + pageSize * costOfChildren;
    }

    /**
     * An operation that only introspects (as GraphiQL's schema query, whose type references nest deeper than 10).
     * It reads no data, graphql-java's good-faith check bounds it, and production turns introspection off.
     */
    private static boolean isIntrospection(OperationDefinition operation) {
        return operation.getSelectionSet().getSelections().stream()
                .allMatch(selection -> selection instanceof Field field && field.getName().startsWith("__"));
    }

    /**
     * The result with each limit refusal carrying its code: graphql-java reports a cut-short parse as a plain
     * syntax error and disabled introspection with its own classification.
     */
    static ExecutionResult labelRefusals(ExecutionResult result, GraphQlLimits limits) {
        if (result.getErrors().isEmpty()) {
            return result;
        }
        List<GraphQLError> errors = result.getErrors().stream().map(error -> label(error, limits)).toList();
        return result.transform(builder -> builder.errors(errors));
    }

    static boolean isRefusal(ExecutionResult result) {
        return result.getErrors().stream().anyMatch(error -> error.getExtensions() != null
                && error.getExtensions().get("code") instanceof String code && CODES.contains(code));
    }

    private static GraphQLError label(GraphQLError error, GraphQlLimits limits) {
        if (error instanceof InvalidSyntaxError && error.getMessage().contains(PARSE_CANCELLED_MARKER)) {
            return refusalError(ErrorCodes.QUERY_TOO_LARGE, "the document has more than " + limits.maxTokens()
                    + " tokens; send a smaller query", error.getErrorType());
        }
        if (error instanceof IntrospectionDisabledError) {
            return refusalError(ErrorCodes.INTROSPECTION_DISABLED, "introspection is disabled on this server", error.getErrorType());
        }
        return error;
    }

    private static GraphQLError refusalError(String code, String message, ErrorClassification classification) {
        return GraphqlErrorBuilder.newError().message(message).errorType(classification).extensions(Map.of("code", code)).build();
    }
}
