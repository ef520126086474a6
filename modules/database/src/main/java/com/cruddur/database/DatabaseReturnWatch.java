package com.cruddur.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the pool back as soon as the database answers again after an outage. HikariCP retries a failed
 * connection with a backoff that doubles up to a hard-coded 5 s, so its pool could stay empty for up to 5 s after
 * the database returned. While the pool is short of connections, this tries a probe connection every 250 ms; once
 * one succeeds it interrupts the pool's threads (which ends HikariCP's backoff sleep) and borrows a connection,
 * which makes the pool open its connections again at once.
 * <p>
 * It is the pool's {@link ThreadFactory}, which is how it knows the pool's threads.
 */
final class DatabaseReturnWatch implements ThreadFactory {

    private static final Logger log = LoggerFactory.getLogger(DatabaseReturnWatch.class);
    private static final Duration PROBE_EVERY = Duration.ofMillis(250);

    private final Set<Thread> poolThreads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private static final ConnectionSettings PROBE = ConnectionSettings.named("cruddur-probe")
            .withConnectTimeout(Duration.ofSeconds(1));

    private final DatabaseLocation location;
    private final RotatingCredentials credentials;
    private boolean databaseWasAway;

    /** {@code credentials} is null when {@code location} holds the user and password. */
    DatabaseReturnWatch(DatabaseLocation location, RotatingCredentials credentials) {
        this.location = location;
        this.credentials = credentials;
    }

    @Override
    public Thread newThread(Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } finally {
                poolThreads.remove(Thread.currentThread());
            }
        }, "cruddur-pool-" + threadNumber.incrementAndGet());
        thread.setDaemon(true);
        poolThreads.add(thread);
        return thread;
    }

    /** Watches the pool until it is closed. */
    void watch(HikariDataSource pool, int size) {
        ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "cruddur-pool-watch");
            thread.setDaemon(true);
            return thread;
        });
        probe.scheduleWithFixedDelay(() -> {
            if (pool.isClosed()) {
                probe.shutdown();
                return;
            }
            HikariPoolMXBean state = pool.getHikariPoolMXBean();
            if (state != null && state.getTotalConnections() < size) {
                reconnectIfTheDatabaseAnswers(pool);
            }
        }, PROBE_EVERY.toMillis(), PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reconnectIfTheDatabaseAnswers(HikariDataSource pool) {
        try (Connection ignored = PROBE.open(location, credentials)) {
            // The database answers: end the pool's backoff and have it open connections now.
        } catch (SQLException e) {
            if (!databaseWasAway) {
                log.warn("the database does not answer ({}); the pool reconnects as soon as it does", e.getSQLState());
                databaseWasAway = true;
            }
            return;
        }
        poolThreads.forEach(Thread::interrupt);
        try (Connection ignored = pool.getConnection()) {
            if (databaseWasAway) {
                log.info("the database answers again; the pool has reconnected");
                databaseWasAway = false;
            }
        } catch (SQLException e) {
            // The next round tries again.
        }
    }
}
