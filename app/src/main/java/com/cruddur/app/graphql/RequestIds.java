package com.cruddur.app.graphql;

import io.javalin.http.Context;
import java.util.concurrent.ThreadLocalRandom;

/** A short id per request, echoed in {@code X-Request-Id}, so a client's error can be found in the log. */
public final class RequestIds {

    public static final String ATTRIBUTE = "requestId";
    private static final String HEADER = "X-Request-Id";

    private RequestIds() {
    }

    public static void assign(Context ctx) {
        String id = next();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    /** A new id (an operation over a WebSocket has one too). */
    static String next() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }
}
