package com.cruddur.app.graphql;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.InvalidSyntaxError;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.introspection.IntrospectionDisabledError;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The instrumentations that enforce {@link GraphQlLimits}, and how their refusals are recognised: each carries
 * an {@code extensions.code}, and the HTTP layer answers 400 for any of them whatever the response media type.
 */
final class QueryLimits {

    private static final Set<String> CODES = Set.of(
            ErrorCodes.QUERY_TOO_DEEP, ErrorCodes.QUERY_TOO_COMPLEX, ErrorCodes.QUERY_TOO_LARGE, ErrorCodes.INTROSPECTION_DISABLED);

    /** graphql-java's message (in English: requests are executed with an English locale) when maxTokens cuts a parse short. */
    private static final String PARSE_CANCELLED_MARKER = "parsing has been cancelled";

    private QueryLimits() {
    }

    static List<Instrumentation> instrumentations(GraphQlLimits limits) {
        return List.of(
                new MaxQueryDepthInstrumentation(limits.maxDepth()) {
                    @Override
                    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
                        return isIntrospection(parameters) ? SimpleInstrumentationContext.noOp() : super.beginExecuteOperation(parameters, state);
                    }

                    @Override
                    protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
                        return refusal(ErrorCodes.QUERY_TOO_DEEP, "the query nests fields " + depth + " deep; at most " + maxDepth + " is allowed");
                    }
                },
                new MaxQueryComplexityInstrumentation(limits.maxComplexity(), paginatedCost()) {
                    @Override
                    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
                        return isIntrospection(parameters) ? SimpleInstrumentationContext.noOp() : super.beginExecuteOperation(parameters, state);
                    }

                    @Override
                    protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
                        return refusal(ErrorCodes.QUERY_TOO_COMPLEX, "the query could return " + complexity
                                + " values; at most " + maxComplexity + " are allowed (ask for smaller pages or fewer fields)");
                    }
                });
    }

    /**
     * An operation that only introspects (as GraphiQL's schema query, whose type references nest deeper than 10).
     * It reads no data, graphql-java's good-faith check bounds it, and production turns introspection off.
     */
    private static boolean isIntrospection(InstrumentationExecuteOperationParameters parameters) {
        return parameters.getExecutionContext().getOperationDefinition().getSelectionSet().getSelections().stream()
                .allMatch(selection -> selection instanceof Field field && field.getName().startsWith("__"));
    }

    /** A field costs 1 plus its children; a field with a {@code first} argument costs {@code first} times its children. */
    private static FieldComplexityCalculator paginatedCost() {
        return (environment, childComplexity) -> {
            Object first = environment.getArguments().get("first");
            int pageSize = first instanceof Integer size ? Math.max(size, 1) : 1;
            return 1 + pageSize * childComplexity;
        };
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

    private static AbortExecutionException refusal(String code, String message) {
        return new AbortExecutionException(List.of(refusalError(code, message, ErrorType.ExecutionAborted)));
    }

    private static GraphQLError refusalError(String code, String message, ErrorClassification classification) {
        return GraphqlErrorBuilder.newError().message(message).errorType(classification).extensions(Map.of("code", code)).build();
    }
}
