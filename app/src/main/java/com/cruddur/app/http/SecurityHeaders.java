package com.cruddur.app.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The headers every response carries, whatever answers it (a route, a static file, an error): no content-type
 * sniffing, no framing by another site (GraphiQL included), and no caching of {@code /graphql} answers, which a
 * GET with a token can make personal ({@code me}). A page that needs a stricter policy sets its own
 * {@code Content-Security-Policy}, which replaces this one; it keeps {@code frame-ancestors 'none'}.
 */
public final class SecurityHeaders extends Handler.Wrapper {

    public static final String FRAME_ANCESTORS_NONE = "frame-ancestors 'none'";

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Content-Security-Policy", FRAME_ANCESTORS_NONE);
        response.getHeaders().put("X-Frame-Options", "DENY");
        if (Request.getPathInContext(request).equals("/graphql")) {
            response.getHeaders().put("Cache-Control", "no-store");
        }
        return super.handle(request, response, callback);
    }
}
