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

    private ErrorCodes() {
    }
}
