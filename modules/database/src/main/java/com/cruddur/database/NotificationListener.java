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
 * PostgreSQL {@code LISTEN} on one channel, over a connection of its own (never one of the pool's: a listening
 * connection is held for the life of the server). Notifications reach the {@link Handler} in bursts: everything
 * that arrived while the previous burst was being handled comes as one list, so a handler that loads rows does it
 * once per burst.
 * <p>
 * When the connection drops (the database restarts, fails over, the network breaks: found out within
 * {@code heartbeat}) or the handler fails, the listener reconnects by itself, listens again, and then tells the
 * handler since when it may have missed notifications, so that it can catch up from the table itself.
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

        /** One burst of notification payloads, in commit order. An exception counts as a lost connection. */
        void notified(List<String> payloads) throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_RETRY = Duration.ofSeconds(1);

    private final DatabaseLocation location;
    private final String channel;
    private final Handler handler;
    private final Duration heartbeat;
    private final Thread thread;
    private final CountDownLatch firstListen = new CountDownLatch(1);
    private volatile boolean closed;
    private final RotatingCredentials credentials;
    private volatile Connection connection;
    /** When the cycle now running started: notifications committed before then were all handled. */
    private Instant cycleStart;

    private NotificationListener(DatabaseLocation location, RotatingCredentials credentials, String channel,
                                 Handler handler, Duration heartbeat) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("a channel name is lower-case letters, digits and _");
        }
        this.location = location;
        this.credentials = credentials;
        this.channel = channel;
        this.handler = handler;
        this.heartbeat = heartbeat;
        this.thread = new Thread(this::run, "cruddur-listen-" + channel);
        this.thread.setDaemon(true);
    }

    /**
     * Starts listening, and waits (up to {@code startWait}) for the first {@code LISTEN} to be in place, so that a
     * server that starts taking subscriptions does not miss the first notifications.
     */
    public static NotificationListener start(DatabaseLocation location, RotatingCredentials credentials, String channel,
                                             Handler handler, Duration heartbeat, Duration startWait) {
        NotificationListener listener = new NotificationListener(location, credentials, channel, handler, heartbeat);
        listener.thread.start();
        try {
            if (!listener.firstListen.await(startWait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("LISTEN {} is not in place yet; retrying in the background", channel);
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
                    statement.execute("LISTEN " + channel);
                }
                handler.listening(missedSince);
                if (everListened) {
                    log.info("LISTEN {} again; caught up from {}", channel, missedSince);
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
                if (missedSince == null && everListened) {
                    // Every cycle before the one that failed was handled in full.
                    missedSince = cycleStart;
                }
                log.warn("LISTEN {} lost ({}); reconnecting in {} ms", channel, describe(e), retry.toMillis());
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
                continue;
            }
            List<String> payloads = new ArrayList<>(received.length);
            for (PGNotification notification : received) {
                payloads.add(notification.getParameter());
            }
            // Whatever else has already arrived belongs to the same burst.
            for (PGNotification[] more = notifications.getNotifications(-1); more != null && more.length > 0;
                 more = notifications.getNotifications(-1)) {
                for (PGNotification notification : more) {
                    payloads.add(notification.getParameter());
                }
            }
            handler.notified(payloads);
        }
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
