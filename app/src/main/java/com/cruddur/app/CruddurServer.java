package com.cruddur.app;

import com.cruddur.app.auth.LocalIssuer;
import com.cruddur.app.auth.ViewerResolver;
import com.cruddur.app.graphql.ExecutionQueue;
import com.cruddur.app.graphql.GraphQlApi;
import com.cruddur.app.graphql.GraphQlHttpEndpoint;
import com.cruddur.app.graphql.GraphQlWebSocket;
import com.cruddur.app.graphql.GraphiqlPage;
import com.cruddur.app.graphql.RequestIds;
import com.cruddur.app.http.RequestBodyDeadline;
import com.cruddur.app.http.SecurityHeaders;
import com.cruddur.app.observability.Metrics;
import com.cruddur.app.observability.RequestTracing;
import com.cruddur.web.WebClient;
import com.cruddur.app.signin.LocalAuthorizationServer;
import com.cruddur.app.signin.SignInConfigEndpoint;
import com.cruddur.kernel.LogText;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The HTTP server: routes, request logging, and what each route is wired to. */
public final class CruddurServer {

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    private static final Logger requestLog = LoggerFactory.getLogger("com.cruddur.requests");

    private CruddurServer() {
    }

    /**
     * {@code localIssuer} and {@code authorizationServer} are null unless the development token issuer runs; then its
     * public keys, sign-in endpoints and {@code /auth/config.json} are served. Beside Cognito, {@code /auth/config.json}
     * names Cognito's managed login when {@code AWS_COGNITO_DOMAIN} is set.
     */
    public static Javalin create(AppConfig config, GraphQlApi api, ViewerResolver viewers, LocalIssuer localIssuer,
                                 LocalAuthorizationServer authorizationServer, DataSource dataSource, Metrics metrics) {
        ObjectMapper json = new ObjectMapper();
        ExecutionQueue queue = new ExecutionQueue(config.graphQlWorkers(), config.pool().connectionTimeout(), metrics::shed);
        GraphQlHttpEndpoint graphql = new GraphQlHttpEndpoint(api, json, viewers, queue);
        GraphQlWebSocket webSocket = new GraphQlWebSocket(api, json, viewers, queue, config.webSocket(), config.frontendOrigins(),
                metrics);
        HealthCheck healthCheck = new HealthCheck(dataSource);
        GraphiqlPage graphiql = config.production() ? null : GraphiqlPage.load();
        CrossOriginPolicy cors = new CrossOriginPolicy(config.frontendOrigins());
        // The page calls the sign-in server's token endpoint: this server's own, or Cognito's managed-login domain.
        WebClient webClient = WebClient.load(config.signIn().cognitoDomain().map(domain -> List.of(domain.toString())).orElse(List.of()));

        return Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.jsonMapper(new JavalinJackson(json, false));
            javalin.http.maxRequestSize = config.maxRequestBytes();
            javalin.jetty.modifyServer(server -> {
                // On stop, Jetty refuses new requests and waits (up to the timeout) for those in flight.
                GracefulHandler graceful = new GracefulHandler();
                SecurityHeaders headers = new SecurityHeaders();
                graceful.setHandler(headers);
                headers.setHandler(new RequestBodyDeadline(config.requestBodyTimeout(), config.maxRequestBytes()));
                server.setHandler(graceful);
                server.setStopTimeout(SHUTDOWN_GRACE.toMillis());
            });
            javalin.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxTextMessageSize(config.webSocket().maxMessageBytes());
                factory.setMaxBinaryMessageSize(config.webSocket().maxMessageBytes());
                factory.setIdleTimeout(webSocket.idleTimeout());
            });
            // Sockets first, with 1001 so that clients reconnect elsewhere; then HTTP requests drain.
            javalin.events.serverStopping(webSocket::goingAway);
            javalin.events.serverStopped(webSocket::close);
            javalin.events.serverStopped(queue::close);
            javalin.requestLogger.http((ctx, millis) -> logAndMeasure(ctx, millis, metrics));
            javalin.routes.before(ctx -> {
                RequestIds.assign(ctx);
                RequestTracing.begin(ctx, ctx.attribute(RequestIds.ATTRIBUTE));
            });
            javalin.routes.before(cors::allowOrigin);
            javalin.routes.options("/graphql", cors::preflight);
            javalin.routes.post("/graphql", graphql::post);
            javalin.routes.wsBeforeUpgrade("/graphql", webSocket::beforeUpgrade);
            javalin.routes.ws("/graphql", webSocket::configure);
            javalin.routes.get("/graphql", ctx -> {
                if (graphiql != null && ctx.queryParam("query") == null && graphiql.wanted(ctx)) {
                    graphiql.serve(ctx);
                } else {
                    graphql.get(ctx);
                }
            });
            javalin.routes.get("/api/health-check", healthCheck::handle);
            if (graphiql != null) {
                javalin.staticFiles.enableWebjars();
                javalin.routes.get("/graphiql", graphiql::serve);
            }
            if (localIssuer != null) {
                String jwks = localIssuer.publicJwks();
                javalin.routes.get("/.well-known/jwks.json", ctx -> ctx.contentType("application/json").result(jwks));
            }
            SignInConfigEndpoint signInConfig = null;
            if (authorizationServer != null) {
                for (String path : List.of("/oauth2/*", "/logout", "/.well-known/openid-configuration", "/auth/config.json")) {
                    javalin.routes.before(path, LocalAuthorizationServer::noStore);
                }
                javalin.routes.get("/oauth2/authorize", authorizationServer::authorizePage);
                javalin.routes.post("/oauth2/authorize", authorizationServer::authorizeSubmit);
                javalin.routes.get("/oauth2/signin.css", authorizationServer::stylesheet);
                javalin.routes.post("/oauth2/token", authorizationServer::token);
                javalin.routes.options("/oauth2/token", authorizationServer::tokenPreflight);
                javalin.routes.get("/logout", authorizationServer::logout);
                javalin.routes.get("/.well-known/openid-configuration", authorizationServer::discovery);
                signInConfig = SignInConfigEndpoint.forLocalIssuer(config.signIn());
            } else if (config.cognito().isPresent() && config.signIn().cognitoDomain().isPresent()) {
                javalin.routes.before("/auth/config.json", LocalAuthorizationServer::noStore);
                signInConfig = SignInConfigEndpoint.forCognito(config.signIn(), config.cognito().get());
            }
            if (signInConfig != null) {
                javalin.routes.get("/auth/config.json", signInConfig::serve);
            }
            webClient.addRoutes(javalin.routes);
        });
    }

    /**
     * The request's log line and its metrics, once the response is complete (on whichever thread completed it, so
     * the log context is set again from the request).
     */
    private static void logAndMeasure(Context ctx, float millis, Metrics metrics) {
        String route = route(ctx);
        metrics.httpRequest(ctx.method().name(), route, ctx.statusCode(), Math.round(millis * 1_000_000.0));
        // The path and the operation name are the client's: escaped and cut (the name is a checked GraphQL name anyway).
        String path = LogText.of(ctx.path());
        String operationName = ctx.attribute(GraphQlHttpEndpoint.OPERATION_NAME_ATTRIBUTE) == null ? null
                : LogText.of(ctx.attribute(GraphQlHttpEndpoint.OPERATION_NAME_ATTRIBUTE));
        String requestId = ctx.attribute(RequestIds.ATTRIBUTE);
        MDC.put(RequestTracing.REQUEST_ID, requestId);
        MDC.put(RequestTracing.TRACE_ID, RequestTracing.traceId(ctx));
        try {
            requestLog.atInfo()
                    .setMessage("{} {} {} {}ms op={} id={}")
                    .addArgument(ctx.method())
                    .addArgument(path)
                    .addArgument(ctx.statusCode())
                    .addArgument(Math.round(millis))
                    .addArgument(Objects.requireNonNullElse(operationName, "-"))
                    .addArgument(requestId)
                    .addKeyValue("method", ctx.method().name())
                    .addKeyValue("path", path)
                    .addKeyValue("route", route)
                    .addKeyValue("status", ctx.statusCode())
                    .addKeyValue("durationMs", Math.round(millis * 1000) / 1000.0)
                    .addKeyValue("operationName", operationName)
                    .log();
        } finally {
            MDC.clear();
        }
    }

    /** The route template that answered ({@code /graphql}), never the raw path, so a client cannot add series. */
    private static String route(Context ctx) {
        if (ctx.statusCode() == 404) {
            return "NOT_FOUND";
        }
        try {
            var endpoint = ctx.endpoint();
            return endpoint.method == HandlerType.BEFORE || endpoint.method == HandlerType.AFTER ? "UNKNOWN" : endpoint.path;
        } catch (RuntimeException e) {
            return "UNKNOWN";
        }
    }
}
