package com.cruddur.app.observability;

import io.javalin.http.Context;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Who a request is for the logs and for the client: its request id, and its W3C trace context, taken from
 * {@code traceparent} or started here. Both go into the log's MDC (every line logged for the request carries them)
 * and into the response headers {@code X-Request-Id} and {@code traceparent}.
 */
public final class RequestTracing {

    public static final String REQUEST_ID = "requestId";
    public static final String TRACE_ID = "traceId";
    private static final String TRACE_ATTRIBUTE = "traceContext";

    private RequestTracing() {
    }

    /** Starts the request's trace (the request id is already assigned) and its log context. */
    public static void begin(Context ctx, String requestId) {
        TraceContext trace = TraceContext.continueOrStart(ctx.header("traceparent"));
        ctx.attribute(TRACE_ATTRIBUTE, trace);
        ctx.header("traceparent", trace.traceparent());
        MDC.put(REQUEST_ID, requestId);
        MDC.put(TRACE_ID, trace.traceId());
    }

    public static String traceId(Context ctx) {
        TraceContext trace = ctx.attribute(TRACE_ATTRIBUTE);
        return trace == null ? null : trace.traceId();
    }

    /** The log context of the current thread, for work handed to another thread. */
    public static Map<String, String> logContext() {
        return MDC.getCopyOfContextMap();
    }

    /** Runs {@code work} with the log context it was handed (a worker thread's own is cleared afterwards). */
    public static void runWith(Map<String, String> logContext, Runnable work) {
        if (logContext == null) {
            work.run();
            return;
        }
        MDC.setContextMap(logContext);
        try {
            work.run();
        } finally {
            MDC.clear();
        }
    }
}
