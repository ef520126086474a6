package com.cruddur.app;

import com.cruddur.activity.Activities;
import com.cruddur.activity.ActivityGraphQl;
import com.cruddur.activity.NewActivities;
import com.cruddur.app.auth.AccessTokenVerifier;
import com.cruddur.app.auth.LocalIssuer;
import com.cruddur.app.auth.ViewerResolver;
import com.cruddur.app.graphql.GraphQlApi;
import com.cruddur.app.observability.ManagementServer;
import com.cruddur.app.observability.Metrics;
import com.cruddur.app.observability.StatementCounter;
import com.cruddur.app.signin.LocalAuthorizationServer;
import com.cruddur.database.ConnectionPool;
import com.cruddur.database.DatabaseLocation;
import com.cruddur.database.DevelopmentSeed;
import com.cruddur.database.EmbeddedPostgresServer;
import com.cruddur.database.Migrations;
import com.cruddur.database.NotificationListener;
import com.cruddur.database.RotatingCredentials;
import com.cruddur.feed.Feed;
import com.cruddur.feed.FeedGraphQl;
import com.cruddur.user.UserGraphQl;
import com.cruddur.user.Users;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running service: its database (embedded or not), connection pool, modules and HTTP server. */
public final class Application implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Application.class);
    static final String EMBEDDED_DATABASE_NAME = "cruddur";
    /** How soon the listening connection finds out that it is broken when no notification comes. */
    private static final Duration LISTENER_HEARTBEAT = Duration.ofSeconds(2);
    private static final Duration LISTENER_START_WAIT = Duration.ofSeconds(5);
    /**
     * How long the shared home-feed page is trusted after the listening connection last confirmed itself: two
     * heartbeats, so a healthy connection (which confirms at least once a heartbeat) always is, and one that broke
     * without a word stops being within seconds, not only once its socket times out.
     */
    private static final Duration SHARED_PAGE_TRUST = LISTENER_HEARTBEAT.multipliedBy(2);

    private final EmbeddedPostgresServer embeddedDatabase;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final NotificationListener listener;
    private final Javalin server;
    private final Metrics metrics;
    private final ManagementServer management;

    private Application(EmbeddedPostgresServer embeddedDatabase, HikariDataSource pool, Jdbi jdbi,
                        NotificationListener listener, Javalin server, Metrics metrics, ManagementServer management) {
        this.embeddedDatabase = embeddedDatabase;
        this.pool = pool;
        this.jdbi = jdbi;
        this.listener = listener;
        this.server = server;
        this.metrics = metrics;
        this.management = management;
    }

    /**
     * Starts with the token verification the configuration asks for: the Cognito pool's when one is configured,
     * the local issuer's in development on the embedded database, or none (every request anonymous).
     */
    public static Application start(AppConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** Like {@link #start(AppConfig)}, with the clock the local issuer's codes and tokens are timed by (tests move it). */
    static Application start(AppConfig config, Clock clock) {
        config.requireSafeToServe();
        if (config.cognito().isPresent()) {
            log.info("access tokens: verified against Cognito user pool {}", config.cognito().get().poolId());
            return start(config, AccessTokenVerifier.forCognito(config.cognito().get()), null, clock);
        }
        if (config.localIssuer()) {
            LocalIssuer localIssuer = LocalIssuer.open(config.localIssuerKeyFile(), config.production(), config.cognito().isPresent());
            log.info("access tokens: issued and verified locally (development; key {} in {}); "
                    + "scripts/dev-token <handle> prints one", localIssuer.keyId(), config.localIssuerKeyFile());
            return start(config, localIssuer.verifier(), localIssuer, clock);
        }
        if (config.production()) {
            log.warn("access tokens: none accepted (ALLOW_ANONYMOUS_ONLY=true): every request is anonymous");
        } else {
            log.info("access tokens: no Cognito user pool configured (AWS_COGNITO_USER_POOL_ID): every request is anonymous");
        }
        return start(config, ViewerResolver.anonymousOnly(), null, clock);
    }

    /** Starts with {@code viewers} deciding who each request comes from (tests use their own). */
    public static Application start(AppConfig config, ViewerResolver viewers) {
        config.requireSafeToServe();
        return start(config, viewers, null, Clock.systemUTC());
    }

    private static Application start(AppConfig config, ViewerResolver viewers, LocalIssuer localIssuer, Clock clock) {
        EmbeddedPostgresServer embeddedDatabase = null;
        DatabaseLocation location;
        if (config.database().isPresent()) {
            location = config.database().get();
            log.info("database: {}{}", location, config.databaseSecret() == null ? ""
                    : " as the user and password of " + config.databaseSecret());
        } else {
            embeddedDatabase = EmbeddedPostgresServer.startPersistent(config.embeddedDataDirectory(), config.embeddedPort());
            embeddedDatabase.createDatabaseIfMissing(EMBEDDED_DATABASE_NAME);
            location = embeddedDatabase.location(EMBEDDED_DATABASE_NAME);
            log.info("embedded PostgreSQL listening: psql {} (data in {})", location.libpqUrl(), config.embeddedDataDirectory());
        }

        Metrics metrics = new Metrics();
        RotatingCredentials credentials = config.databaseCredentials();
        HikariDataSource pool = ConnectionPool.open(location, credentials, config.pool());
        pool.setMetricRegistry(metrics.registry());
        if (config.migrateOnStart()) {
            int applied = Migrations.apply(pool).migrationsExecuted;
            log.info("migrations: {} applied", applied);
        }
        if (embeddedDatabase != null && DevelopmentSeed.applyIfEmpty(pool)) {
            log.info("the embedded database was empty: loaded sql/seed.sql");
        }

        Jdbi jdbi = Jdbi.create(pool).installPlugin(Users.rowMappers()).installPlugin(Activities.rowMappers());
        jdbi.addCustomizer(new StatementCounter());
        Feed feed = new Feed(jdbi, config.feedCache());
        // Read your writes: this instance's own writes drop the shared page before they answer, not a round trip later.
        Users users = new Users(jdbi, changedUser -> feed.homeFeedChanged());
        Activities activities = new Activities(jdbi, users, written -> feed.homeFeedChanged());
        NewActivities newActivities = new NewActivities(jdbi, config.catchUpWindow());
        NotificationListener listener = NotificationListener.start(location, credentials,
                List.of(NewActivities.CHANNEL, Users.CHANGED_CHANNEL), new NotificationListener.Handler() {
                    @Override
                    public void listening(Instant missedSince) {
                        feed.notificationsResumed(SHARED_PAGE_TRUST);
                        if (missedSince != null) {
                            newActivities.catchUp(missedSince);
                        }
                    }

                    @Override
                    public void notified(List<NotificationListener.Notification> notifications) {
                        // Every notification on either channel may change the newest page: drop it first, then
                        // read the new activities for the subscriptions.
                        feed.homeFeedChanged();
                        List<String> created = new ArrayList<>(notifications.size());
                        for (NotificationListener.Notification notification : notifications) {
                            if (notification.channel().equals(NewActivities.CHANNEL)) {
                                created.add(notification.payload());
                            }
                        }
                        if (!created.isEmpty()) {
                            newActivities.notified(created);
                        }
                    }

                    @Override
                    public void confirmed() {
                        feed.notificationsConfirmed(SHARED_PAGE_TRUST);
                    }

                    @Override
                    public void lost() {
                        feed.notificationsLost();
                    }
                }, LISTENER_HEARTBEAT, LISTENER_START_WAIT);
        if (config.feedCache()) {
            metrics.feedSharedPage(Map.of(
                    "hit", () -> feed.sharedPageCounts().hits(),
                    "read", () -> feed.sharedPageCounts().reads(),
                    "wait", () -> feed.sharedPageCounts().waits(),
                    "bypass", () -> feed.sharedPageCounts().bypasses()));
        }
        log.info("home feed: {}", config.feedCache()
                ? "shared page on (FEED_CACHE=on): its newest page is kept in memory, exact by LISTEN/NOTIFY"
                : "shared page off (FEED_CACHE=off): every read runs its statement");
        GraphQlApi api = GraphQlApi.assemble(List.of(new UserGraphQl(users), new ActivityGraphQl(activities, newActivities),
                new FeedGraphQl(feed)), config.graphQlLimits(), metrics);

        ManagementServer management = startManagement(config, metrics);
        LocalAuthorizationServer authorizationServer = localIssuer == null ? null
                : new LocalAuthorizationServer(localIssuer, users, config.signIn(), clock);
        Javalin server = CruddurServer.create(config, api, viewers, localIssuer, authorizationServer, pool, metrics)
                .start(config.host(), config.port());
        log.info("Cruddur is listening on http://localhost:{}/ (GraphQL: /graphql{})", server.port(),
                config.production() ? "" : ", GraphiQL: /graphiql");
        return new Application(embeddedDatabase, pool, jdbi, listener, server, metrics, management);
    }

    /**
     * The metrics' own port. In production a port that cannot be opened stops the start; in development the server
     * runs without it (another server on this machine often has the default port) and says so.
     */
    private static ManagementServer startManagement(AppConfig config, Metrics metrics) {
        try {
            ManagementServer management = ManagementServer.start(config.managementHost(), config.managementPort(), metrics);
            log.info("metrics: http://{}:{}/metrics", config.managementHost(), management.port());
            return management;
        } catch (UncheckedIOException e) {
            if (config.production()) {
                throw e;
            }
            log.warn("metrics are not served: {} (set MANAGEMENT_PORT)", e.getMessage());
            return null;
        }
    }

    public int port() {
        return server.port();
    }

    /** The management port, or -1 when it could not be opened (development only). */
    public int managementPort() {
        return management == null ? -1 : management.port();
    }

    /** The Jdbi every module runs its SQL through (tests install a statement counter on it). */
    Jdbi jdbi() {
        return jdbi;
    }

    /** Stops taking requests, lets those in flight finish, then closes the pool and the embedded database. */
    @Override
    public void close() {
        server.stop();
        listener.close();
        if (management != null) {
            management.close();
        }
        pool.close();
        metrics.close();
        if (embeddedDatabase != null) {
            embeddedDatabase.close();
        }
        log.info("stopped");
    }
}
