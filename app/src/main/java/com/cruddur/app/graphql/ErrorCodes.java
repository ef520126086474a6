package com.cruddur.app.graphql;

/** The {@code extensions.code} values a client can act on. */
public final class ErrorCodes {
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    public static final String UNAVAILABLE = "UNAVAILABLE";
    public static final String INTERNAL = "INTERNAL";
    public static final String BAD_USER_INPUT = "BAD_USER_INPUT";
    // A request refused by a GraphQlLimits limit (HTTP 400).
    public static final String QUERY_TOO_DEEP = "QUERY_TOO_DEEP";
    public static final String QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX";
    public static final String QUERY_TOO_LARGE = "QUERY_TOO_LARGE";
    public static final String INTROSPECTION_DISABLED = "INTROSPECTION_DISABLED";
    // A subscription sent over HTTP instead of a WebSocket.
    public static final String SUBSCRIPTION_NEEDS_WEBSOCKET = "SUBSCRIPTION_NEEDS_WEBSOCKET";
    // A subscribe message over a socket that already has as many operations as it may.
    public static final String TOO_MANY_SUBSCRIPTIONS = "TOO_MANY_SUBSCRIPTIONS";

    private ErrorCodes() {
    }
}
