package com.cruddur.app.graphql;

import com.cruddur.database.DatabaseFailure;
import com.cruddur.kernel.InvalidArgumentException;
import com.cruddur.kernel.ServiceUnavailableException;
import com.cruddur.kernel.UnauthenticatedException;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an exception thrown while resolving a field into the error the client sees. Expected failures keep
 * their message; anything unexpected becomes {@code INTERNAL} with the request id and trace id, and only the server
 * log (under the same ids) holds the details.
 */
final class ErrorClassifier implements DataFetcherExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorClassifier.class);

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters parameters) {
        Throwable exception = unwrap(parameters.getException());
        String requestId = parameters.getDataFetchingEnvironment().getGraphQlContext().get(GraphQlApi.REQUEST_ID);
        String traceId = parameters.getDataFetchingEnvironment().getGraphQlContext().get(GraphQlApi.TRACE_ID);
        String path = parameters.getPath().toString();
        GraphqlErrorBuilder<?> error = GraphqlErrorBuilder.newError()
                .path(parameters.getPath())
                .location(parameters.getSourceLocation());
        if (exception instanceof UnauthenticatedException) {
            error.message(exception.getMessage()).extensions(Map.of("code", ErrorCodes.UNAUTHENTICATED));
        } else if (exception instanceof InvalidArgumentException) {
            error.message(exception.getMessage()).extensions(Map.of("code", ErrorCodes.BAD_USER_INPUT));
        } else if (isUnavailable(exception)) {
            log.warn("request {} field {} unavailable: {}", requestId, path, describe(exception));
            error.message("the service is briefly unavailable; try again")
                    .extensions(Map.of("code", ErrorCodes.UNAVAILABLE, "requestId", requestId, "traceId", traceId));
        } else {
            log.error("request {} field {} failed", requestId, path, exception);
            error.message("internal error (request " + requestId + ")")
                    .extensions(Map.of("code", ErrorCodes.INTERNAL, "requestId", requestId, "traceId", traceId));
        }
        GraphQLError built = error.build();
        return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(built).build());
    }

    private static Throwable unwrap(Throwable exception) {
        Throwable current = exception;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** The database (or another dependency) could not answer in time: a retry may well succeed. */
    static boolean isUnavailable(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof ServiceUnavailableException) {
                return true;
            }
        }
        return DatabaseFailure.isUnavailable(exception);
    }

    private static String describe(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return cause.getClass().getSimpleName() + " SQLSTATE " + sql.getSQLState();
            }
        }
        return exception.getClass().getSimpleName();
    }
}
