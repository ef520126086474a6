package com.cruddur.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Properties;

/** HikariCP over the PostgreSQL driver: a small pool whose every wait is bounded. */
public final class ConnectionPool {

    /**
     * @param maximumSize       connections kept open; a few per core is what PostgreSQL can use
     * @param connectionTimeout how long a request waits for a free connection before it is refused
     * @param statementTimeout  PostgreSQL's {@code statement_timeout} for every statement on these connections
     */
    public record Settings(int maximumSize, Duration connectionTimeout, Duration statementTimeout, String applicationName) {
        public Settings {
            if (maximumSize < 1) {
                throw new IllegalArgumentException("the pool needs at least one connection");
            }
            if (connectionTimeout.toMillis() < 250) {
                throw new IllegalArgumentException("the pool's connection timeout must be at least 250 ms");
            }
        }
    }

    private static final Duration FILL_WAIT = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private ConnectionPool() {
    }

    public static HikariDataSource open(DatabaseLocation location, Settings settings) {
        return open(location, null, settings);
    }

    /** With {@code credentials} not null, every connection logs in as the secret says when it opens. */
    public static HikariDataSource open(DatabaseLocation location, RotatingCredentials credentials, Settings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("cruddur");
        ConnectionSettings connections = ConnectionSettings.named(settings.applicationName())
                .withConnectTimeout(CONNECT_TIMEOUT)
                .withStatementTimeout(settings.statementTimeout());
        if (credentials != null) {
            config.setDataSource(connections.dataSource(location, credentials));
        } else {
            config.setJdbcUrl(location.jdbcUrl());
            Properties properties = connections.properties(location);
            // Hikari masks these two in its logs; the rest go to the driver as they are.
            config.setUsername((String) properties.remove("user"));
            config.setPassword((String) properties.remove("password"));
            config.setDataSourceProperties(properties);
        }
        config.setMaximumPoolSize(settings.maximumSize());
        config.setMinimumIdle(settings.maximumSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.max(250, Math.min(1000, settings.connectionTimeout().toMillis())));
        DatabaseReturnWatch returnWatch = new DatabaseReturnWatch(location, credentials);
        config.setThreadFactory(returnWatch);
        HikariDataSource pool = new HikariDataSource(config);
        awaitFilled(pool, settings.maximumSize());
        returnWatch.watch(pool, settings.maximumSize());
        return pool;
    }

    /**
     * Hikari opens all but the first connection in the background. A server that took traffic before then would
     * queue its first burst behind connections still being opened, so wait for them (briefly: a database that is
     * slow to accept connections should not stop the server from starting).
     */
    private static void awaitFilled(HikariDataSource pool, int size) {
        long deadline = System.nanoTime() + FILL_WAIT.toNanos();
        while (pool.getHikariPoolMXBean().getTotalConnections() < size && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
