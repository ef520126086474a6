package com.cruddur.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL {@code LISTEN} on a few channels, over one connection of its own (never one of the pool's: a listening
 * connection is held for the life of the server). Notifications reach the {@link Handler} in bursts: everything
 * that arrived while the previous burst was being handled comes as one list, so a handler that loads rows does it
 * once per burst.
 * <p>
 * When the connection drops (the database restarts, fails over, the network breaks: found out within
 * {@code heartbeat}) or the handler fails, the listener tells the handler it is {@linkplain Handler#lost() lost},
 * reconnects by itself, listens again, and then tells the handler since when it may have missed notifications, so
 * that it can catch up from the tables themselves.
 */
public final class NotificationListener implements AutoCloseable {

    /** What the listener reports to; both methods run on the listener's own thread, one call at a time. */
    public interface Handler {

        /**
         * The channel is listened to (again). {@code missedSince} is null on the first connection; after a
         * reconnection it is the moment from which notifications may have been lost: everything committed since
         * then must be caught up with (a notification committed after this call is delivered as usual).
         * An exception makes the listener reconnect and call again with the same {@code missedSince}.
         */
        void listening(Instant missedSince) throws Exception;

        /** One burst of notifications, in commit order. An exception counts as a lost connection. */
        void notified(List<Notification> notifications) throws Exception;

        /**
         * The connection is gone (or the handler failed): from now on notifications may be missed, until
         * {@link #listening} is called again. Must not throw.
         */
        default void lost() {
        }

        /**
         * A round trip on the listening connection has just succeeded (a heartbeat's, or a burst's, once handled):
         * every notification that reached the connection before it has been handled. Comes at least once a
         * heartbeat while the connection is up; a handler can distrust a connection that stops confirming. Must not throw.
         */
        default void confirmed() {
        }
    }

    /** A notification: its channel and its payload (empty when the sender gave none). */
    public record Notification(String channel, String payload) {
    }

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_RETRY = Duration.ofSeconds(1);

    private final DatabaseLocation location;
    private final List<String> channels;
    private final Handler handler;
    private final Duration heartbeat;
    private final Thread thread;
    private final CountDownLatch firstListen = new CountDownLatch(1);
    private volatile boolean closed;
    private final RotatingCredentials credentials;
    private volatile Connection connection;
    /** When the cycle now running started: notifications committed before then were all handled. */
    private Instant cycleStart;

    private NotificationListener(DatabaseLocation location, RotatingCredentials credentials, List<String> channels,
                                 Handler handler, Duration heartbeat) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("listen to at least one channel");
        }
        for (String channel : channels) {
            if (!channel.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("a channel name is lower-case letters, digits and _");
            }
        }
        this.location = location;
        this.credentials = credentials;
        this.channels = List.copyOf(channels);
        this.handler = handler;
        this.heartbeat = heartbeat;
        this.thread = new Thread(this::run, "cruddur-listen-" + String.join("+", channels));
        this.thread.setDaemon(true);
    }

    /**
     * Starts listening, and waits (up to {@code startWait}) for the first {@code LISTEN} to be in place, so that a
     * server that starts taking subscriptions does not miss the first notifications.
     */
    public static NotificationListener start(DatabaseLocation location, RotatingCredentials credentials, List<String> channels,
                                             Handler handler, Duration heartbeat, Duration startWait) {
        NotificationListener listener = new NotificationListener(location, credentials, channels, handler, heartbeat);
        listener.thread.start();
        try {
            if (!listener.firstListen.await(startWait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("LISTEN {} is not in place yet; retrying in the background", listener.names());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return listener;
    }

    private void run() {
        Instant missedSince = null;
        Duration retry = FIRST_RETRY;
        boolean everListened = false;
        while (!closed) {
            try (Connection listening = connect()) {
                connection = listening;
                try (Statement statement = listening.createStatement()) {
                    for (String channel : channels) {
                        statement.execute("LISTEN " + channel);
                    }
                }
                handler.listening(missedSince);
                if (everListened) {
                    log.info("LISTEN {} again; caught up from {}", names(), missedSince);
                }
                everListened = true;
                missedSince = null;
                firstListen.countDown();
                retry = FIRST_RETRY;
                receive(listening);
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                lost();
                if (missedSince == null && everListened) {
                    // Every cycle before the one that failed was handled in full.
                    missedSince = cycleStart;
                }
                log.warn("LISTEN {} lost ({}); reconnecting in {} ms", names(), describe(e), retry.toMillis());
                sleep(retry);
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            } finally {
                connection = null;
            }
        }
    }

    /** Hands each burst to the handler until the connection (or the handler) fails, or the listener closes. */
    private void receive(Connection listening) throws Exception {
        PGConnection notifications = listening.unwrap(PGConnection.class);
        int heartbeatMillis = (int) heartbeat.toMillis();
        while (!closed) {
            cycleStart = Instant.now();
            PGNotification[] received = notifications.getNotifications(heartbeatMillis);
            if (received == null || received.length == 0) {
                // Nothing for a while: ask the server something, so that a silently broken connection shows.
                try (Statement statement = listening.createStatement()) {
                    statement.execute("SELECT 1");
                }
                // The answer came after every notification sent before it; any that came with it are the next burst.
                received = notifications.getNotifications(-1);
                if (received == null || received.length == 0) {
                    handler.confirmed();
                    continue;
                }
            }
            List<Notification> burst = new ArrayList<>(received.length);
            add(burst, received);
            // Whatever else has already arrived belongs to the same burst.
            for (PGNotification[] more = notifications.getNotifications(-1); more != null && more.length > 0;
                 more = notifications.getNotifications(-1)) {
                add(burst, more);
            }
            handler.notified(burst);
            handler.confirmed();
        }
    }

    private static void add(List<Notification> burst, PGNotification[] received) {
        for (PGNotification notification : received) {
            burst.add(new Notification(notification.getName(), notification.getParameter()));
        }
    }

    private void lost() {
        try {
            handler.lost();
        } catch (RuntimeException e) {
            log.warn("the LISTEN {} handler failed on a lost connection: {}", names(), e.toString());
        }
    }

    private String names() {
        return String.join(", ", channels);
    }

    private Connection connect() throws SQLException {
        // A read that waits longer than a heartbeat and then some means the connection is gone.
        return ConnectionSettings.named("cruddur-listener")
                .withConnectTimeout(Duration.ofSeconds(5))
                .withLoginTimeout(Duration.ofSeconds(5))
                .withSocketTimeout(heartbeat.plusSeconds(10))
                .open(location, credentials);
    }

    private static String describe(Exception e) {
        return e instanceof SQLException sql && sql.getSQLState() != null
                ? "SQLSTATE " + sql.getSQLState() + ": " + e.getMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops listening and closes the connection. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        Connection current = connection;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException e) {
                log.debug("closing the listening connection: {}", e.getMessage());
            }
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
