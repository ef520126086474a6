package com.cruddur.app.graphql;

import com.cruddur.app.auth.ViewerResolver;
import com.cruddur.app.graphql.GraphQlApi.GraphQlRequest;
import com.cruddur.app.observability.Metrics;
import com.cruddur.app.observability.TraceContext;
import com.cruddur.kernel.Viewer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GraphQL over WebSocket on {@code /graphql}: the {@code graphql-transport-ws} protocol of the graphql-ws library
 * (which Apollo, urql and Relay speak). A socket must send {@code connection_init} (optionally with
 * {@code {"Authorization": "Bearer ..."}}, verified like the HTTP header) within the configured time; after the
 * {@code connection_ack} each {@code subscribe} runs a subscription, a query or a mutation under its id.
 * <p>
 * Close codes: 4400 malformed or unexpected message, 4401 subscribe before the ack, 4406 no graphql-transport-ws
 * subprotocol, 4408 no connection_init in time, 4409 an id already in use, 4429 a second connection_init,
 * 1008 a client too slow to take its messages, 1009 a message over the size limit, 1001 the server stopping.
 */
public final class GraphQlWebSocket implements AutoCloseable {

    public static final String SUBPROTOCOL = "graphql-transport-ws";

    private static final Logger log = LoggerFactory.getLogger(GraphQlWebSocket.class);
    private static final String PROTOCOL_HEADER = "Sec-WebSocket-Protocol";
    private static final String SUBPROTOCOL_ACCEPTED = "graphql.ws.subprotocolAccepted";
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final GraphQlApi api;
    private final ObjectMapper json;
    private final ViewerResolver viewers;
    private final ExecutionQueue queue;
    private final WebSocketSettings settings;
    private final Set<String> frontendOrigins;
    private final Fanout fanout;
    private final SharedSubscriptions shared;
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timers;
    private final Metrics metrics;
    private volatile boolean stopping;

    public GraphQlWebSocket(GraphQlApi api, ObjectMapper json, ViewerResolver viewers, ExecutionQueue queue,
                            WebSocketSettings settings, List<String> frontendOrigins, Metrics metrics) {
        this.api = api;
        this.metrics = metrics;
        this.json = json;
        this.viewers = viewers;
        this.queue = queue;
        this.settings = settings;
        this.frontendOrigins = Set.copyOf(frontendOrigins);
        this.fanout = new Fanout(Runtime.getRuntime().availableProcessors());
        this.shared = new SharedSubscriptions(api, json, fanout);
        this.timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "graphql-ws-timers");
            thread.setDaemon(true);
            return thread;
        });
        this.timers.setRemoveOnCancelPolicy(true);
        metrics.webSocket(sockets::size, this::operations, shared::executions);
        long ping = settings.pingInterval().toMillis();
        this.timers.scheduleWithFixedDelay(this::pingIdleSockets, ping, ping, TimeUnit.MILLISECONDS);
    }

    public WebSocketSettings settings() {
        return settings;
    }

    private int operations() {
        return sockets.values().stream().mapToInt(socket -> socket.operations.size()).sum();
    }

    /**
     * Before the upgrade: a browser's page must come from this app or from one of {@code FRONTEND_URL}'s origins
     * (else another site's page could use its visitors' sessions: cross-site WebSocket hijacking); beyond the socket
     * limit or while stopping, 503. The graphql-transport-ws subprotocol is selected when offered.
     */
    public void beforeUpgrade(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && !frontendOrigins.contains(origin) && !isSameOrigin(origin, ctx.header("Host"))) {
            throw new HttpResponseException(403, "WebSocket connections from this origin are not allowed");
        }
        if (stopping || sockets.size() >= settings.maxSockets()) {
            ctx.header("Retry-After", "1");
            throw new HttpResponseException(503, "this server has as many WebSocket connections as it takes; retry");
        }
        String offered = ctx.header(PROTOCOL_HEADER);
        boolean graphQlOffered = offered != null && Arrays.stream(offered.split(","))
                .map(String::strip).anyMatch(SUBPROTOCOL::equals);
        // Javalin answers with the first protocol offered; the one to answer with is ours, or none (then 4406).
        ctx.res().setHeader(PROTOCOL_HEADER, graphQlOffered ? SUBPROTOCOL : null);
        ctx.attribute(SUBPROTOCOL_ACCEPTED, graphQlOffered);
    }

    private static boolean isSameOrigin(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return host != null && authority != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && authority.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            Socket socket = new Socket(ctx);
            if (!Boolean.TRUE.equals(ctx.attribute(SUBPROTOCOL_ACCEPTED))) {
                socket.close(4406, "Subprotocol not acceptable: use " + SUBPROTOCOL);
                return;
            }
            sockets.put(ctx.sessionId(), socket);
            if (stopping) {
                socket.close(1001, "the server is stopping");
                return;
            }
            if (sockets.size() > settings.maxSockets()) {
                socket.close(1013, "this server has as many WebSocket connections as it takes; retry");
                return;
            }
            socket.initTimeout = timers.schedule(() -> {
                if (!socket.initReceived) {
                    socket.close(4408, "Connection initialisation timeout");
                }
            }, settings.connectionInitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        });
        ws.onMessage(ctx -> {
            Socket socket = sockets.get(ctx.sessionId());
            if (socket != null) {
                socket.received(ctx.message());
            }
        });
        ws.onBinaryMessage(ctx -> {
            Socket socket = sockets.get(ctx.sessionId());
            if (socket != null) {
                socket.close(4400, "binary messages are not part of " + SUBPROTOCOL);
            }
        });
        ws.onClose(ctx -> {
            Socket socket = sockets.remove(ctx.sessionId());
            if (socket != null) {
                socket.closed();
            }
        });
        ws.onError(ctx -> log.debug("WebSocket error: {}", String.valueOf(ctx.error())));
    }

    /** Max message size and idle timeout, on Jetty's WebSocket factory. */
    public Duration idleTimeout() {
        return settings.pingInterval().multipliedBy(4);
    }

    private void pingIdleSockets() {
        long idleSince = System.nanoTime() - settings.pingInterval().toNanos();
        for (Socket socket : sockets.values()) {
            if (socket.lastSent < idleSince) {
                socket.ping();
            }
        }
    }

    /** Closes every socket with 1001 (going away), so that clients reconnect to another instance. */
    public void goingAway() {
        stopping = true;
        sockets.values().forEach(socket -> socket.close(1001, "the server is stopping"));
    }

    @Override
    public void close() {
        goingAway();
        timers.shutdownNow();
        fanout.close();
    }

    private static boolean isSubscription(GraphQlRequest request) {
        Document document;
        try {
            document = Parser.parse(request.query());
        } catch (RuntimeException e) {
            return false; // executing it reports the syntax error
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        return operations.stream()
                .filter(operation -> request.operationName() == null ? operations.size() == 1
                        : request.operationName().equals(operation.getName()))
                .anyMatch(operation -> operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION);
    }

    /** One socket: its protocol state and its operations by id. Jetty delivers its messages one at a time. */
    private final class Socket {

        private final WsContext ctx;
        private final Session session;
        /** The socket's frames below Jetty's API, which can hold messages back to write several at once. */
        private final CoreSession frames;
        private final Map<String, Operation> operations = new ConcurrentHashMap<>();
        private final AtomicInteger queued = new AtomicInteger();
        private final AtomicBoolean closing = new AtomicBoolean();
        private volatile boolean initReceived;
        private volatile Viewer viewer = Viewer.anonymous();
        private volatile long lastSent = System.nanoTime();
        private volatile ScheduledFuture<?> initTimeout;

        Socket(WsContext ctx) {
            this.ctx = ctx;
            this.session = ctx.session;
            this.frames = ((WebSocketSession) ctx.session).getCoreSession();
        }

        void received(String text) {
            JsonNode message;
            try {
                message = json.readTree(text);
            } catch (JsonProcessingException e) {
                close(4400, "the message is not valid JSON");
                return;
            }
            if (message == null || !message.isObject() || !message.path("type").isTextual()) {
                close(4400, "a message is a JSON object with a string type");
                return;
            }
            switch (message.get("type").textValue()) {
                case "connection_init" -> connectionInit(message);
                case "ping" -> send(message.has("payload") ? "{\"type\":\"pong\",\"payload\":" + message.get("payload") + "}" : "{\"type\":\"pong\"}");
                case "pong" -> {
                }
                case "subscribe" -> subscribe(message);
                case "complete" -> complete(message);
                default -> close(4400, "unexpected message type " + truncate(message.get("type").textValue()));
            }
        }

        private void connectionInit(JsonNode message) {
            if (initReceived) {
                close(4429, "Too many initialisation requests");
                return;
            }
            JsonNode payload = message.get("payload");
            if (payload != null && !payload.isNull() && !payload.isObject()) {
                close(4400, "connection_init's payload must be an object");
                return;
            }
            JsonNode authorization = payload == null ? null : payload.get("Authorization");
            if (authorization != null && !authorization.isNull() && !authorization.isTextual()) {
                close(4400, "connection_init's Authorization must be a string");
                return;
            }
            initReceived = true;
            ScheduledFuture<?> timeout = initTimeout;
            if (timeout != null) {
                timeout.cancel(false);
            }
            viewer = viewers.resolve(authorization == null || authorization.isNull() ? null : authorization.textValue());
            send("{\"type\":\"connection_ack\"}");
        }

        private void subscribe(JsonNode message) {
            if (!initReceived) {
                close(4401, "Unauthorized");
                return;
            }
            JsonNode id = message.get("id");
            JsonNode payload = message.get("payload");
            if (id == null || !id.isTextual() || id.textValue().isEmpty()) {
                close(4400, "subscribe needs a non-empty string id");
                return;
            }
            GraphQlRequest request;
            try {
                request = request(payload);
            } catch (IllegalArgumentException e) {
                close(4400, e.getMessage());
                return;
            }
            String operationId = id.textValue();
            if (operations.containsKey(operationId)) {
                close(4409, "Subscriber for " + truncate(operationId) + " already exists");
                return;
            }
            boolean subscription = isSubscription(request);
            Operation operation = new Operation(this, operationId, request, subscription);
            if (operations.size() >= settings.maxOperations()) {
                operation.error(List.of(GraphqlErrorBuilder.newError()
                        .message("this socket already has " + settings.maxOperations()
                                + " operations, the most it may have; complete one first")
                        .extensions(Map.of("code", ErrorCodes.TOO_MANY_SUBSCRIPTIONS)).build()));
                return;
            }
            operations.put(operationId, operation);
            String requestId = RequestIds.next();
            if (subscription) {
                shared.join(request, operation, requestId);
            } else {
                execute(operation, requestId);
            }
        }

        private void execute(Operation operation, String requestId) {
            Viewer asking = viewer;
            String traceId = TraceContext.continueOrStart(null).traceId();
            Supplier<CompletableFuture<ExecutionResult>> work = () -> api.execute(operation.request, asking, requestId, traceId);
            CompletableFuture<ExecutionResult> started = queue.startNowIfFree(work);
            CompletableFuture<ExecutionResult> execution = started != null ? started : queue.submit(requestId, traceId, work);
            execution.whenComplete((result, failure) -> {
                if (failure != null) {
                    log.error("request {} over WebSocket failed", requestId, failure);
                    operation.error(List.of(GraphqlErrorBuilder.newError()
                            .message("internal error (request " + requestId + ")")
                            .extensions(Map.of("code", ErrorCodes.INTERNAL, "requestId", requestId)).build()));
                } else if (!result.isDataPresent()) {
                    operation.error(result.getErrors());
                } else {
                    try {
                        operation.next(List.of(json.writeValueAsString(result.toSpecification())));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("a GraphQL result could not be written as JSON", e);
                    }
                    operation.complete();
                }
            });
        }

        private GraphQlRequest request(JsonNode payload) {
            if (payload == null || !payload.isObject()) {
                throw new IllegalArgumentException("subscribe needs a payload object");
            }
            JsonNode query = payload.get("query");
            if (query == null || !query.isTextual()) {
                throw new IllegalArgumentException("subscribe's payload needs a string query");
            }
            JsonNode operationName = payload.get("operationName");
            if (operationName != null && !operationName.isNull() && !operationName.isTextual()) {
                throw new IllegalArgumentException("operationName must be a string");
            }
            return new GraphQlRequest(query.textValue(),
                    operationName == null || operationName.isNull() ? null : operationName.textValue(),
                    object(payload, "variables"), object(payload, "extensions"));
        }

        private Map<String, Object> object(JsonNode payload, String field) {
            JsonNode value = payload.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isObject()) {
                throw new IllegalArgumentException(field + " must be an object");
            }
            return json.convertValue(value, MAP);
        }

        private void complete(JsonNode message) {
            JsonNode id = message.get("id");
            if (id == null || !id.isTextual()) {
                close(4400, "complete needs a string id");
                return;
            }
            Operation operation = operations.remove(id.textValue());
            if (operation != null) {
                operation.end();
            }
        }

        void send(String text) {
            send(List.of(text));
        }

        /** Sends the messages in order; Jetty writes them to the network together (one write for the lot). */
        void send(List<String> texts) {
            if (closing.get()) {
                return;
            }
            int count = texts.size();
            if (queued.addAndGet(count) > settings.maxQueuedMessages()) {
                queued.addAndGet(-count);
                close(1008, "too slow: more than " + settings.maxQueuedMessages() + " messages were waiting to be sent");
                return;
            }
            lastSent = System.nanoTime();
            for (int i = 0; i < count; i++) {
                boolean more = i < count - 1;
                frames.sendFrame(new Frame(OpCode.TEXT, texts.get(i)),
                        org.eclipse.jetty.util.Callback.from(queued::decrementAndGet, failure -> queued.decrementAndGet()), more);
            }
        }

        void ping() {
            if (!closing.get() && session.isOpen()) {
                lastSent = System.nanoTime();
                session.sendPing(java.nio.ByteBuffer.allocate(0), Callback.NOOP);
            }
        }

        /** Closes with a code and reason; a client that does not take the close frame is disconnected shortly after. */
        void close(int code, String reason) {
            if (!closing.compareAndSet(false, true)) {
                return;
            }
            metrics.webSocketClosed(code);
            session.close(code, reason, Callback.NOOP);
            // A close frame waits behind the messages queued before it; a client that reads none of them never gets it.
            timers.schedule(session::disconnect, CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** The socket is gone: its subscriptions end. */
        void closed() {
            closing.set(true);
            ScheduledFuture<?> timeout = initTimeout;
            if (timeout != null) {
                timeout.cancel(false);
            }
            operations.values().forEach(Operation::end);
            operations.clear();
        }
    }

    /** One operation of a socket, under the client's id; its terminal message (error or complete) is sent once. */
    private final class Operation implements SharedSubscriptions.Member {

        private final Socket socket;
        private final String id;
        private final String nextPrefix;
        private final GraphQlRequest request;
        private final boolean subscription;
        private final AtomicBoolean ended = new AtomicBoolean();

        Operation(Socket socket, String id, GraphQlRequest request, boolean subscription) {
            this.socket = socket;
            this.id = id;
            this.request = request;
            this.subscription = subscription;
            this.nextPrefix = "{\"id\":" + quoted(id) + ",\"type\":\"next\",\"payload\":";
        }

        @Override
        public void next(List<String> resultJsons) {
            if (ended.get()) {
                return;
            }
            List<String> messages = new ArrayList<>(resultJsons.size());
            for (String resultJson : resultJsons) {
                messages.add(nextPrefix + resultJson + "}");
            }
            socket.send(messages);
        }

        @Override
        public void error(List<GraphQLError> errors) {
            if (finish()) {
                try {
                    socket.send(json.writeValueAsString(Map.of("id", id, "type", "error",
                            "payload", errors.stream().map(GraphQLError::toSpecification).toList())));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("an error message could not be written as JSON", e);
                }
            }
        }

        @Override
        public void complete() {
            if (finish()) {
                socket.send("{\"id\":" + quoted(id) + ",\"type\":\"complete\"}");
            }
        }

        /** Ends the operation on the server's side: no message goes out for it any more. */
        private boolean finish() {
            if (!ended.compareAndSet(false, true)) {
                return false;
            }
            socket.operations.remove(id, this);
            if (subscription) {
                shared.leave(this, request);
            }
            return true;
        }

        /** The client completed it, or the socket closed: nothing more is sent. */
        void end() {
            if (ended.compareAndSet(false, true) && subscription) {
                shared.leave(this, request);
            }
        }

        private String quoted(String text) {
            try {
                return json.writeValueAsString(text);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String truncate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
