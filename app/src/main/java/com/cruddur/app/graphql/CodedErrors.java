package com.cruddur.app.graphql;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.InvalidSyntaxError;
import graphql.execution.InputMapDefinesTooManyFieldsException;
import graphql.execution.NonNullableValueCoercedAsNullException;
import graphql.execution.OneOfNullValueException;
import graphql.execution.OneOfTooManyKeysException;
import graphql.execution.UnknownOperationException;
import graphql.schema.CoercingParseValueException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives every error of a result an {@code extensions.code}, as clients of other GraphQL servers expect: the errors
 * graphql-java reports itself (a document that does not parse or validate, an unknown operation, variables of the
 * wrong type) come without one. Errors that have a code keep it.
 */
final class CodedErrors {

    private CodedErrors() {
    }

    static ExecutionResult label(ExecutionResult result) {
        if (result.getErrors().stream().allMatch(CodedErrors::hasCode)) {
            return result;
        }
        List<GraphQLError> errors = result.getErrors().stream()
                .map(error -> hasCode(error) ? error : withCode(error, codeOf(error)))
                .toList();
        return result.transform(builder -> builder.errors(errors));
    }

    private static boolean hasCode(GraphQLError error) {
        return error.getExtensions() != null && error.getExtensions().get("code") instanceof String;
    }

    private static String codeOf(GraphQLError error) {
        ErrorClassification type = error.getErrorType();
        if (error instanceof InvalidSyntaxError || type == ErrorType.InvalidSyntax) {
            return ErrorCodes.GRAPHQL_PARSE_FAILED;
        }
        if (error instanceof UnknownOperationException) {
            return ErrorCodes.OPERATION_RESOLUTION_FAILURE;
        }
        if (error instanceof CoercingParseValueException || error instanceof NonNullableValueCoercedAsNullException
                || error instanceof InputMapDefinesTooManyFieldsException || error instanceof OneOfNullValueException
                || error instanceof OneOfTooManyKeysException) {
            return ErrorCodes.BAD_USER_INPUT;
        }
        if (type == ErrorType.ValidationError || type == ErrorType.OperationNotSupported) {
            return ErrorCodes.GRAPHQL_VALIDATION_FAILED;
        }
        return ErrorCodes.INTERNAL;
    }

    private static GraphQLError withCode(GraphQLError error, String code) {
        Map<String, Object> extensions = error.getExtensions() == null ? new HashMap<>() : new HashMap<>(error.getExtensions());
        extensions.put("code", code);
        return GraphqlErrorBuilder.newError()
                .message(error.getMessage())
                .locations(error.getLocations())
                .path(error.getPath())
                .errorType(error.getErrorType())
                .extensions(extensions)
                .build();
    }
}
