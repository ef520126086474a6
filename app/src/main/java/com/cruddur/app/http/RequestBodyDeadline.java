package com.cruddur.app.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads each request body whole, without holding a thread while it arrives, before any route sees the request;
 * a body that has not fully arrived within the deadline is answered 408 and its connection closed. Without this a
 * client sending its body a byte at a time (slowloris) keeps a server thread blocked in the read, and a few hundred
 * such clients take every thread. A chunked body larger than {@code maxBytes} is answered 413 once that many bytes
 * have come; a body whose {@code Content-Length} is over it goes on unread, and the endpoint refuses it.
 */
public final class RequestBodyDeadline extends Handler.Wrapper {

    private final Duration deadline;
    private final long maxBytes;

    public RequestBodyDeadline(Duration deadline, long maxBytes) {
        this.deadline = deadline;
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long length = request.getLength();
        boolean chunked = length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (length == 0 || length < 0 && !chunked || length > maxBytes) {
            return super.handle(request, response, callback);
        }
        AtomicBoolean settled = new AtomicBoolean();
        CompletableFuture<byte[]> read = Content.Source.asByteArrayAsync(request, (int) Math.min(Integer.MAX_VALUE, maxBytes));
        // A small body usually came with the headers: then there is nothing to wait for, and no timer to set.
        if (!read.isDone()) {
            Scheduler.Task timeout = request.getComponents().getScheduler().schedule(() -> {
                if (settled.compareAndSet(false, true)) {
                    refuse(response, callback, 408, "REQUEST_TIMEOUT",
                            "the request body did not arrive within " + deadline.toMillis() + " ms");
                }
            }, deadline);
            read.whenComplete((body, failure) -> timeout.cancel());
        }
        read.whenComplete((body, failure) -> {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            if (failure != null) {
                refuse(response, callback, chunked ? 413 : 400, chunked ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST",
                        chunked ? "the request body is larger than this server accepts" : "the request body could not be read");
                return;
            }
            dispatch(new ReadBody(request, body), response, callback);
        });
        return true;
    }

    private void dispatch(Request request, Response response, Callback callback) {
        try {
            if (!super.handle(request, response, callback)) {
                Response.writeError(request, response, callback, 404);
            }
        } catch (Throwable failure) {
            Response.writeError(request, response, callback, failure);
        }
    }

    /** Answers with a GraphQL-style error body and closes the connection, whose rest of the body is left unread. */
    private static void refuse(Response response, Callback callback, int status, String code, String message) {
        byte[] body = ("{\"errors\":[{\"message\":\"" + message + "\",\"extensions\":{\"code\":\"" + code + "\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** The request with its body already read: routes read it from memory, at once. */
    private static final class ReadBody extends Request.Wrapper {

        private Content.Chunk next;

        ReadBody(Request request, byte[] body) {
            super(request);
            this.next = Content.Chunk.from(ByteBuffer.wrap(body), true);
        }

        @Override
        public synchronized Content.Chunk read() {
            Content.Chunk chunk = next;
            next = Content.Chunk.EOF;
            return chunk;
        }

        @Override
        public void demand(Runnable demand) {
            demand.run();
        }

        @Override
        public synchronized boolean consumeAvailable() {
            next = Content.Chunk.EOF;
            return true;
        }
    }
}
