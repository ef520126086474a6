package com.cruddur.app.graphql;

/** The {@code extensions.code} values a client can act on. */
public final class ErrorCodes {
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    public static final String UNAVAILABLE = "UNAVAILABLE";
    public static final String INTERNAL = "INTERNAL";
    public static final String BAD_USER_INPUT = "BAD_USER_INPUT";

    private ErrorCodes() {
    }
}
