package com.cruddur.app.graphql;

import java.time.Duration;

/**
 * The limits of GraphQL over WebSocket, each refused with its own close code or error (see the README).
 *
 * @param connectionInitTimeout how long a new socket may take to send {@code connection_init} (else 4408)
 * @param maxSockets            open sockets per instance; an upgrade beyond gets HTTP 503
 * @param maxOperations         operations (subscriptions, and queries in flight) per socket; beyond, an {@code error}
 * @param maxMessageBytes       the largest message a client may send (else 1009)
 * @param maxQueuedMessages     messages waiting to be sent on one socket; a client that lets more pile up is too slow
 *                              to keep up and is closed (1008), instead of being buffered for without end
 * @param pingInterval          how often an idle socket gets a WebSocket ping (keeps proxies from closing it)
 */
public record WebSocketSettings(Duration connectionInitTimeout, int maxSockets, int maxOperations, int maxMessageBytes,
                                int maxQueuedMessages, Duration pingInterval) {

    public static final WebSocketSettings DEFAULTS =
            new WebSocketSettings(Duration.ofSeconds(10), 10_000, 20, 64 * 1024, 1000, Duration.ofSeconds(30));

    public WebSocketSettings {
        if (maxSockets < 1 || maxOperations < 1 || maxMessageBytes < 1024 || maxQueuedMessages < 1) {
            throw new IllegalArgumentException("WebSocket limits must be positive (messages at least 1024 bytes)");
        }
        if (connectionInitTimeout.isNegative() || connectionInitTimeout.isZero() || pingInterval.toMillis() < 100) {
            throw new IllegalArgumentException("WebSocket timeouts must be positive");
        }
    }
}
