package com.cruddur.app;

import com.cruddur.app.auth.CognitoUserPool;
import com.cruddur.app.graphql.GraphQlLimits;
import com.cruddur.app.graphql.WebSocketSettings;
import com.cruddur.app.signin.SignInSettings;
import com.cruddur.database.ConnectionPool;
import com.cruddur.database.DatabaseLocation;
import com.cruddur.database.RotatingCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's settings, all from environment variables (see {@code .env.example}). With no
 * {@code CONNECTION_URL} the server runs its own embedded PostgreSQL; in production that is an error.
 */
public record AppConfig(
        String host,
        int port,
        boolean production,
        boolean environmentNamed,
        boolean allowAnonymousOnly,
        Optional<DatabaseLocation> database,
        Path embeddedDataDirectory,
        int embeddedPort,
        boolean migrateOnStart,
        ConnectionPool.Settings pool,
        long maxRequestBytes,
        Duration requestBodyTimeout,
        List<String> frontendOrigins,
        Optional<CognitoUserPool> cognito,
        boolean localIssuer,
        SignInSettings signIn,
        GraphQlLimits graphQlLimits,
        int graphQlWorkers,
        WebSocketSettings webSocket,
        Duration catchUpWindow,
        String managementHost,
        int managementPort,
        SecretsManagerSecret databaseSecret,
        boolean feedCache) {

    private static final int DEFAULT_POOL_SIZE = 8;

    public static AppConfig fromEnvironment(Map<String, String> env) {
        String environment = env.get("CRUDDUR_ENV") == null || env.get("CRUDDUR_ENV").isBlank() ? null : env.get("CRUDDUR_ENV").strip();
        boolean production = switch (environment == null ? "development" : environment) {
            case "production" -> true;
            case "development" -> false;
            default -> throw new IllegalArgumentException("CRUDDUR_ENV must be development or production");
        };
        Optional<DatabaseLocation> database = Optional.ofNullable(env.get("CONNECTION_URL"))
                .filter(url -> !url.isBlank())
                .map(url -> parse("CONNECTION_URL", () -> DatabaseLocation.parse(url, env)));
        SecretsManagerSecret databaseSecret = SecretsManagerSecret.fromEnvironment(env);
        if (databaseSecret != null && database.isEmpty()) {
            throw new IllegalArgumentException("DB_SECRET_ID needs CONNECTION_URL for the database's host, port and name");
        }
        if (databaseSecret != null && DatabaseLocation.parse(env.get("CONNECTION_URL"), Map.of()).password() != null) {
            throw new IllegalArgumentException("CONNECTION_URL must not hold a password when DB_SECRET_ID names the secret that does");
        }
        if (production && database.isEmpty()) {
            throw new IllegalArgumentException("CONNECTION_URL is required when CRUDDUR_ENV=production");
        }
        String logFormat = env.get("LOG_FORMAT");
        if (logFormat != null && !logFormat.isBlank() && !logFormat.equals("json") && !logFormat.equals("text")) {
            throw new IllegalArgumentException("LOG_FORMAT must be json or text");
        }
        Optional<CognitoUserPool> cognito = CognitoUserPool.fromEnvironment(env);
        boolean localIssuer = localIssuer(env, production, cognito.isPresent(), database.isEmpty());
        String host = env.get("HOST");
        return new AppConfig(
                host == null || host.isBlank() ? (production ? "0.0.0.0" : "127.0.0.1") : host.strip(),
                intValue(env, "PORT", 4567),
                production,
                environment != null,
                booleanValue(env, "ALLOW_ANONYMOUS_ONLY", false),
                database,
                Path.of(env.getOrDefault("EMBEDDED_DB_DIR", ".data/postgres")).toAbsolutePath(),
                intValue(env, "EMBEDDED_DB_PORT", 15432),
                booleanValue(env, "MIGRATE_ON_START", true),
                new ConnectionPool.Settings(
                        intValue(env, "DB_POOL_SIZE", DEFAULT_POOL_SIZE),
                        Duration.ofMillis(intValue(env, "DB_POOL_TIMEOUT_MS", 1000)),
                        Duration.ofMillis(intValue(env, "DB_STATEMENT_TIMEOUT_MS", 5000)),
                        "cruddur"),
                intValue(env, "GRAPHQL_MAX_REQUEST_BYTES", 1024 * 1024),
                Duration.ofMillis(intValue(env, "REQUEST_BODY_TIMEOUT_MS", 10_000)),
                Arrays.stream(env.getOrDefault("FRONTEND_URL", "").split(","))
                        .map(String::strip)
                        .filter(origin -> !origin.isEmpty())
                        .toList(),
                cognito,
                localIssuer,
                SignInSettings.fromEnvironment(env, cognito.isPresent()),
                new GraphQlLimits(
                        intValue(env, "GRAPHQL_MAX_DEPTH", GraphQlLimits.DEFAULT_MAX_DEPTH),
                        intValue(env, "GRAPHQL_MAX_COMPLEXITY", GraphQlLimits.DEFAULT_MAX_COMPLEXITY),
                        intValue(env, "GRAPHQL_MAX_TOKENS", GraphQlLimits.DEFAULT_MAX_TOKENS),
                        booleanValue(env, "GRAPHQL_INTROSPECTION", !production)),
                // Requests are mostly CPU work between short statements: running more at once than about two per
                // core only time-slices them (the p99 grows), and more than the pool's connections only waits for one.
                intValue(env, "GRAPHQL_WORKERS", Math.min(2 * Runtime.getRuntime().availableProcessors(),
                        intValue(env, "DB_POOL_SIZE", DEFAULT_POOL_SIZE))),
                parse("WS_*", () -> new WebSocketSettings(
                        Duration.ofMillis(intValue(env, "WS_CONNECTION_INIT_TIMEOUT_MS",
                                (int) WebSocketSettings.DEFAULTS.connectionInitTimeout().toMillis())),
                        intValue(env, "WS_MAX_SOCKETS", WebSocketSettings.DEFAULTS.maxSockets()),
                        intValue(env, "WS_MAX_SUBSCRIPTIONS", WebSocketSettings.DEFAULTS.maxOperations()),
                        intValue(env, "WS_MAX_MESSAGE_BYTES", WebSocketSettings.DEFAULTS.maxMessageBytes()),
                        intValue(env, "WS_MAX_QUEUED_MESSAGES", WebSocketSettings.DEFAULTS.maxQueuedMessages()),
                        Duration.ofMillis(intValue(env, "WS_PING_INTERVAL_MS",
                                (int) WebSocketSettings.DEFAULTS.pingInterval().toMillis())))),
                Duration.ofMillis(intValue(env, "LIVE_CATCH_UP_WINDOW_MS", 30_000)),
                env.getOrDefault("MANAGEMENT_HOST", "127.0.0.1").strip(),
                intValue(env, "MANAGEMENT_PORT", 9464),
                databaseSecret,
                onOff(env, "FEED_CACHE", true));
    }

    /** The database's user and password from {@code DB_SECRET_ID}, or null when {@code CONNECTION_URL} has them. */
    public RotatingCredentials databaseCredentials() {
        return databaseSecret == null ? null : databaseSecret.credentials();
    }

    /**
     * The server fails closed: outside the embedded development default (a {@code CONNECTION_URL} is set), it must
     * be told which environment it is in; and a production server without a Cognito pool would serve every request
     * anonymously, which it does only when asked to ({@code ALLOW_ANONYMOUS_ONLY=true}). Throws with one line naming
     * the variables otherwise.
     */
    public void requireSafeToServe() {
        if (!environmentNamed && database.isPresent()) {
            throw new IllegalArgumentException("CRUDDUR_ENV must be set (production or development) when CONNECTION_URL "
                    + "is: only the embedded development database may leave it out");
        }
        if (production && cognito.isEmpty() && !allowAnonymousOnly) {
            throw new IllegalArgumentException("a production server needs AWS_COGNITO_USER_POOL_ID, "
                    + "AWS_COGNITO_USER_POOL_CLIENT_ID and AWS_DEFAULT_REGION (or ALLOW_ANONYMOUS_ONLY=true to serve every "
                    + "request anonymously, on purpose)");
        }
    }

    /** Where the local token issuer keeps its key: beside the embedded database's data. */
    public Path localIssuerKeyFile() {
        return embeddedDataDirectory.resolveSibling("local-issuer").resolve("signing-key.jwk.json");
    }

    /**
     * The local token issuer runs by default on the embedded database without Cognito; LOCAL_ISSUER=true also runs
     * it on another development database. It never runs in production nor beside Cognito: asking for that is an error.
     */
    private static boolean localIssuer(Map<String, String> env, boolean production, boolean cognito, boolean embedded) {
        if (env.get("LOCAL_ISSUER") == null || env.get("LOCAL_ISSUER").isBlank()) {
            return !production && !cognito && embedded;
        }
        boolean wanted = booleanValue(env, "LOCAL_ISSUER", false);
        if (wanted && production) {
            throw new IllegalArgumentException("LOCAL_ISSUER=true cannot be used with CRUDDUR_ENV=production: "
                    + "the local token issuer is for development only");
        }
        if (wanted && cognito) {
            throw new IllegalArgumentException("LOCAL_ISSUER=true cannot be used with a Cognito user pool configured "
                    + "(AWS_COGNITO_USER_POOL_ID): only one may issue tokens");
        }
        return wanted;
    }

    private static int intValue(Map<String, String> env, String name, int defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        return parse(name, () -> Integer.parseInt(value.strip()));
    }

    private static boolean booleanValue(Map<String, String> env, String name, boolean defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        return switch (value.strip().toLowerCase()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false");
        };
    }

    /** {@code on} or {@code off} (any case); unset or blank: the default; anything else is a startup error naming the variable. */
    private static boolean onOff(Map<String, String> env, String name, boolean defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        return switch (value.strip().toLowerCase()) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be on or off");
        };
    }

    private static <T> T parse(String name, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not valid: " + e.getMessage());
        }
    }
}
