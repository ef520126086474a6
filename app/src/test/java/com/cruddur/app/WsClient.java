package com.cruddur.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) speaking graphql-transport-ws: what it sends and each message it receives. */
final class WsClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** How a socket was closed by the server. */
    record Closed(int code, String reason) {
    }

    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonNode> queue;
    private final CompletableFuture<Closed> closed;

    private WsClient(WebSocket socket, LinkedBlockingQueue<JsonNode> queue, CompletableFuture<Closed> closed) {
        this.socket = socket;
        this.queue = queue;
        this.closed = closed;
    }

    static WsClient connect(int port) {
        return connect(port, Map.of(), "graphql-transport-ws");
    }

    /** Opens a socket on /graphql with these headers, offering these subprotocols (none when empty). */
    static WsClient connect(int port, Map<String, String> headers, String... subprotocols) {
        return connect(port, headers, true, subprotocols);
    }

    /** A socket that reads nothing until {@link #resume()}: a client too slow to keep up. */
    static WsClient connectPaused(int port) {
        return connect(port, Map.of(), false, "graphql-transport-ws");
    }

    /** The HTTP status with which the server refused the upgrade, or 101 when it accepted it. */
    static int upgradeStatus(int port, Map<String, String> headers) {
        try {
            connect(port, headers, "graphql-transport-ws").close();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    void resume() {
        socket.request(1);
    }

    private static WsClient connect(int port, Map<String, String> headers, boolean reading, String... subprotocols) {
        CompletableFuture<Closed> closed = new CompletableFuture<>();
        LinkedBlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        WebSocket socket = builder.buildAsync(URI.create("ws://localhost:" + port + "/graphql"), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public void onOpen(WebSocket webSocket) {
                if (reading) {
                    webSocket.request(1);
                }
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        queue.add(JSON.readTree(text.toString()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(new Closed(statusCode, reason));
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(new Closed(1006, String.valueOf(error)));
            }
        }).join();
        return new WsClient(socket, queue, closed);
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    void send(Map<String, Object> message) {
        try {
            send(JSON.writeValueAsString(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** connection_init (with this Authorization, when not null), and the ack. */
    WsClient init(String authorization) {
        send(authorization == null ? Map.of("type", "connection_init")
                : Map.of("type", "connection_init", "payload", Map.of("Authorization", authorization)));
        JsonNode ack = next(Duration.ofSeconds(10));
        if (ack == null || !"connection_ack".equals(ack.path("type").asText())) {
            throw new AssertionError("expected connection_ack, got " + ack + " / " + closedNow());
        }
        return this;
    }

    void subscribe(String id, String query, Map<String, Object> variables) {
        send(Map.of("id", id, "type", "subscribe", "payload",
                variables == null ? Map.of("query", query) : Map.of("query", query, "variables", variables)));
    }

    /** The next message, or null when none came within the wait. */
    JsonNode next(Duration wait) {
        try {
            return queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every message that arrives within the wait. */
    List<JsonNode> drain(Duration wait) {
        List<JsonNode> messages = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (message != null) {
                messages.add(message);
            }
        }
        return messages;
    }

    /** How the server closed the socket, waiting up to {@code wait}; null when it is still open. */
    Closed awaitClose(Duration wait) {
        try {
            return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            throw new IllegalStateException(e);
        }
    }

    private Closed closedNow() {
        return closed.getNow(null);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                socket.abort();
            }
        }
        socket.abort();
    }
}
