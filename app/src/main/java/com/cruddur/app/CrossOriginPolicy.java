package com.cruddur.app;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Set;

/**
 * CORS for the web frontend: the origins in {@code FRONTEND_URL} may call {@code /graphql} with the
 * {@code Authorization} and {@code Content-Type} headers; any other origin gets no CORS headers at all, so
 * browsers keep its pages from reading our responses.
 */
final class CrossOriginPolicy {

    static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type";
    private static final String PREFLIGHT_CACHE_SECONDS = "600";

    private final Set<String> allowedOrigins;

    CrossOriginPolicy(List<String> allowedOrigins) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /** Before every request: marks the response readable by the caller's origin when that origin is allowed. */
    void allowOrigin(Context ctx) {
        ctx.header(Header.VARY, "Origin");
        String origin = ctx.header(Header.ORIGIN);
        if (origin != null && allowedOrigins.contains(origin)) {
            ctx.header(Header.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        }
    }

    /** {@code OPTIONS}: answers the browser's preflight; an origin that is not allowed gets a 403 without CORS headers. */
    void preflight(Context ctx) {
        String origin = ctx.header(Header.ORIGIN);
        if (origin == null || !allowedOrigins.contains(origin)) {
            ctx.status(HttpStatus.FORBIDDEN);
            return;
        }
        ctx.header(Header.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS)
                .header(Header.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                .header(Header.ACCESS_CONTROL_MAX_AGE, PREFLIGHT_CACHE_SECONDS)
                .status(HttpStatus.NO_CONTENT);
    }
}
