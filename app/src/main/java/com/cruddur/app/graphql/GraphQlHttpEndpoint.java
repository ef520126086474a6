package com.cruddur.app.graphql;

import com.cruddur.app.graphql.GraphQlApi.GraphQlRequest;
import com.cruddur.app.auth.ViewerResolver;
import com.cruddur.app.observability.RequestTracing;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code /graphql} following the GraphQL-over-HTTP specification: POST with a JSON body, or GET with the query
 * in the URL (queries only). The response media type follows {@code Accept}; with
 * {@code application/graphql-response+json}, a request that fails before execution is a 400; a request refused by
 * a {@link GraphQlLimits limit} is a 400 whatever the media type.
 */
public final class GraphQlHttpEndpoint {

    public static final String OPERATION_NAME_ATTRIBUTE = "graphql.operationName";

    private final GraphQlApi api;
    private final ObjectMapper json;
    private final ViewerResolver viewers;
    private final ExecutionQueue queue;

    public GraphQlHttpEndpoint(GraphQlApi api, ObjectMapper json, ViewerResolver viewers, ExecutionQueue queue) {
        this.api = api;
        this.json = json;
        this.viewers = viewers;
        this.queue = queue;
    }

    public void post(Context ctx) {
        String mediaType = MediaTypes.negotiate(ctx.header("Accept"));
        if (mediaType == null) {
            reject(ctx, HttpStatus.NOT_ACCEPTABLE, MediaTypes.JSON, "the response can be application/graphql-response+json or application/json");
            return;
        }
        if (!MediaTypes.isJson(ctx.contentType())) {
            reject(ctx, HttpStatus.UNSUPPORTED_MEDIA_TYPE, mediaType, "the request body must be application/json");
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(ctx.bodyAsBytes());
        } catch (HttpResponseException e) {
            if (e.getStatus() != HttpStatus.CONTENT_TOO_LARGE.getCode()) {
                throw e;
            }
            reject(ctx, HttpStatus.CONTENT_TOO_LARGE, mediaType, "the request body is larger than this server accepts");
            return;
        } catch (java.io.IOException e) {
            reject(ctx, HttpStatus.BAD_REQUEST, mediaType, "the request body is not valid JSON");
            return;
        }
        if (body == null || !body.isObject()) {
            reject(ctx, HttpStatus.BAD_REQUEST, mediaType, body != null && body.isArray()
                    ? "batched requests are not supported: send one request object"
                    : "the request body must be a JSON object");
            return;
        }
        GraphQlRequest request;
        try {
            request = new GraphQlRequest(
                    requiredString(body, "query"),
                    optionalString(body, "operationName"),
                    optionalObject(body, "variables"),
                    optionalObject(body, "extensions"));
        } catch (IllegalArgumentException e) {
            reject(ctx, HttpStatus.BAD_REQUEST, mediaType, e.getMessage());
            return;
        }
        execute(ctx, request, mediaType);
    }

    public void get(Context ctx) {
        String mediaType = MediaTypes.negotiate(ctx.header("Accept"));
        if (mediaType == null) {
            reject(ctx, HttpStatus.NOT_ACCEPTABLE, MediaTypes.JSON, "the response can be application/graphql-response+json or application/json");
            return;
        }
        GraphQlRequest request;
        try {
            String query = ctx.queryParam("query");
            if (query == null || query.isEmpty()) {
                throw new IllegalArgumentException("a query parameter is required");
            }
            request = new GraphQlRequest(query, ctx.queryParam("operationName"),
                    queryParamObject(ctx, "variables"), queryParamObject(ctx, "extensions"));
        } catch (IllegalArgumentException e) {
            reject(ctx, HttpStatus.BAD_REQUEST, mediaType, e.getMessage());
            return;
        }
        if (isMutation(request)) {
            ctx.header("Allow", "POST");
            reject(ctx, HttpStatus.METHOD_NOT_ALLOWED, mediaType, "mutations must be sent with POST");
            return;
        }
        execute(ctx, request, mediaType);
    }

    private void execute(Context ctx, GraphQlRequest request, String mediaType) {
        if (request.operationName() != null) {
            ctx.attribute(OPERATION_NAME_ATTRIBUTE, request.operationName());
        }
        String requestId = Objects.requireNonNull(ctx.attribute(RequestIds.ATTRIBUTE));
        String traceId = RequestTracing.traceId(ctx);
        String authorization = ctx.header("Authorization");
        Supplier<CompletableFuture<ExecutionResult>> work =
                () -> api.execute(request, viewers.resolve(authorization), requestId, traceId);
        CompletableFuture<ExecutionResult> started = queue.startNowIfFree(work);
        if (started != null && started.isDone()) {
            respond(ctx, started.join(), mediaType);
            return;
        }
        CompletableFuture<ExecutionResult> execution = started != null ? started : queue.submit(requestId, traceId, work);
        ctx.future(() -> execution.thenAccept(result -> respond(ctx, result, mediaType)));
    }

    private void respond(Context ctx, ExecutionResult result, String mediaType) {
        int status = 200;
        if (hasCode(result, ErrorCodes.UNAVAILABLE)) {
            status = 503;
            ctx.header("Retry-After", "1");
        } else if (QueryLimits.isRefusal(result)
                || !result.isDataPresent() && mediaType.equals(MediaTypes.GRAPHQL_RESPONSE_JSON)) {
            status = 400;
        }
        write(ctx, status, mediaType, result.toSpecification());
    }

    private static boolean hasCode(ExecutionResult result, String code) {
        for (GraphQLError error : result.getErrors()) {
            Map<String, Object> extensions = error.getExtensions();
            if (extensions != null && code.equals(extensions.get("code"))) {
                return true;
            }
        }
        return false;
    }

    private void reject(Context ctx, HttpStatus status, String mediaType, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(Map.of("message", message)));
        write(ctx, status.getCode(), mediaType, body);
    }

    private void write(Context ctx, int status, String mediaType, Map<String, Object> body) {
        try {
            ctx.status(status)
                    .contentType(mediaType + "; charset=utf-8")
                    .result(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a GraphQL response could not be written as JSON", e);
        }
    }

    private boolean isMutation(GraphQlRequest request) {
        Document document;
        try {
            document = Parser.parse(request.query());
        } catch (RuntimeException e) {
            return false; // execution reports the syntax error itself
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        return operations.stream()
                .filter(operation -> request.operationName() == null ? operations.size() == 1
                        : request.operationName().equals(operation.getName()))
                .anyMatch(operation -> operation.getOperation() == OperationDefinition.Operation.MUTATION);
    }

    private static String requiredString(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value.textValue();
    }

    private static String optionalString(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value.textValue();
    }

    private Map<String, Object> optionalObject(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException(field + " must be a JSON object");
        }
        return json.convertValue(value, MAP);
    }

    private Map<String, Object> queryParamObject(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return null;
        }
        JsonNode value;
        try {
            value = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + " is not valid JSON");
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException(name + " must be a JSON object");
        }
        return json.convertValue(value, MAP);
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };
}
