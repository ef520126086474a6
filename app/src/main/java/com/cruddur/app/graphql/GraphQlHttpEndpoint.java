package com.cruddur.app.graphql;

import com.cruddur.app.graphql.GraphQlApi.GraphQlRequest;
import com.cruddur.app.auth.ViewerResolver;
import com.cruddur.app.observability.RequestTracing;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code /graphql} following the GraphQL-over-HTTP specification: POST with a JSON body, or GET with the query
 * in the URL (queries only: whatever operation a GET selects, a mutation is answered 405 and never runs). The
 * response media type follows {@code Accept}; with
 * {@code application/graphql-response+json}, a request that fails before execution is a 400; a request refused by
 * a {@link GraphQlLimits limit} is a 400 whatever the media type.
 */
public final class GraphQlHttpEndpoint {

    public static final String OPERATION_NAME_ATTRIBUTE = "graphql.operationName";
    static final int MAX_OPERATION_NAME = 100;
    private static final Pattern GRAPHQL_NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");

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
            reject(ctx, HttpStatus.NOT_ACCEPTABLE, MediaTypes.JSON, ErrorCodes.NOT_ACCEPTABLE,
                    "the response can be application/graphql-response+json or application/json");
            return;
        }
        if (!MediaTypes.isJson(ctx.contentType())) {
            reject(ctx, HttpStatus.UNSUPPORTED_MEDIA_TYPE, mediaType, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, "the request body must be application/json");
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(ctx.bodyAsBytes());
        } catch (HttpResponseException e) {
            if (e.getStatus() != HttpStatus.CONTENT_TOO_LARGE.getCode()) {
                throw e;
            }
            reject(ctx, HttpStatus.CONTENT_TOO_LARGE, mediaType, ErrorCodes.PAYLOAD_TOO_LARGE, "the request body is larger than this server accepts");
            return;
        } catch (java.io.IOException e) {
            reject(ctx, HttpStatus.BAD_REQUEST, mediaType, ErrorCodes.BAD_REQUEST, "the request body is not valid JSON");
            return;
        }
        if (body == null || !body.isObject()) {
            reject(ctx, HttpStatus.BAD_REQUEST, mediaType, ErrorCodes.BAD_REQUEST, body != null && body.isArray()
                    ? "batched requests are not supported: send one request object"
                    : "the request body must be a JSON object");
            return;
        }
        GraphQlRequest request;
        try {
            request = new GraphQlRequest(
                    requiredString(body, "query"),
                    operationName(optionalString(body, "operationName")),
                    optionalObject(body, "variables"),
                    optionalObject(body, "extensions"));
        } catch (IllegalArgumentException e) {
            reject(ctx, HttpStatus.BAD_REQUEST, mediaType, ErrorCodes.BAD_REQUEST, e.getMessage());
            return;
        }
        execute(ctx, request, mediaType);
    }

    public void get(Context ctx) {
        String mediaType = MediaTypes.negotiate(ctx.header("Accept"));
        if (mediaType == null) {
            reject(ctx, HttpStatus.NOT_ACCEPTABLE, MediaTypes.JSON, ErrorCodes.NOT_ACCEPTABLE,
                    "the response can be application/graphql-response+json or application/json");
            return;
        }
        GraphQlRequest request;
        try {
            String query = ctx.queryParam("query");
            if (query == null || query.isEmpty()) {
                throw new IllegalArgumentException("a query parameter is required");
            }
            request = new GraphQlRequest(query, operationName(ctx.queryParam("operationName")),
                    queryParamObject(ctx, "variables"), queryParamObject(ctx, "extensions"), true);
        } catch (IllegalArgumentException e) {
            reject(ctx, HttpStatus.BAD_REQUEST, mediaType, ErrorCodes.BAD_REQUEST, e.getMessage());
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
        CompletableFuture<ExecutionResult> execution = queue.runHere(requestId, traceId, work);
        if (execution.isDone()) {
            respond(ctx, execution.join(), mediaType);
            return;
        }
        ctx.future(() -> execution.thenAccept(result -> respond(ctx, result, mediaType)));
    }

    private void respond(Context ctx, ExecutionResult result, String mediaType) {
        int status = 200;
        if (hasCode(result, ErrorCodes.UNAVAILABLE)) {
            status = 503;
            ctx.header("Retry-After", "1");
        } else if (hasCode(result, ErrorCodes.METHOD_NOT_ALLOWED)) {
            status = 405;
            ctx.header("Allow", "POST");
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

    private void reject(Context ctx, HttpStatus status, String mediaType, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", Map.of("code", code));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(error));
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

    /**
     * The operation to run: none for an absent or empty name (graphql-java then runs the document's only operation),
     * else a GraphQL name of at most {@value #MAX_OPERATION_NAME} characters, refused before anything logs it.
     */
    private static String operationName(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        if (name.length() > MAX_OPERATION_NAME || !GRAPHQL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("operationName must be a GraphQL name ([_A-Za-z][_0-9A-Za-z]*) of at most "
                    + MAX_OPERATION_NAME + " characters");
        }
        return name;
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
