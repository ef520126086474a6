package com.cruddur.app.graphql;

/** The {@code extensions.code} values a client can act on: every error the server answers carries one. */
public final class ErrorCodes {
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    public static final String UNAVAILABLE = "UNAVAILABLE";
    public static final String INTERNAL = "INTERNAL";
    public static final String BAD_USER_INPUT = "BAD_USER_INPUT";
    // The document, before it runs.
    public static final String GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED";
    public static final String GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED";
    public static final String OPERATION_RESOLUTION_FAILURE = "OPERATION_RESOLUTION_FAILURE";
    // A request refused by a GraphQlLimits limit (HTTP 400).
    public static final String QUERY_TOO_DEEP = "QUERY_TOO_DEEP";
    public static final String QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX";
    public static final String QUERY_TOO_LARGE = "QUERY_TOO_LARGE";
    public static final String INTROSPECTION_DISABLED = "INTROSPECTION_DISABLED";
    // The HTTP request itself (its status says the same).
    public static final String BAD_REQUEST = "BAD_REQUEST";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    // A subscription sent over HTTP instead of a WebSocket.
    public static final String SUBSCRIPTION_NEEDS_WEBSOCKET = "SUBSCRIPTION_NEEDS_WEBSOCKET";
    // A subscribe message over a socket that already has as many operations as it may.
    public static final String TOO_MANY_SUBSCRIPTIONS = "TOO_MANY_SUBSCRIPTIONS";

    private ErrorCodes() {
    }
}
