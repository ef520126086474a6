package com.cruddur.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool after a database outage, against a PostgreSQL of the test's own that it stops and starts again.
 * HikariCP alone retries with a backoff that reaches 5 s, so after an outage of several seconds its pool stayed
 * empty for seconds after the database was back; the pool must answer again within moments of the return.
 */
class PoolRecoveryTest {

    private static final Duration OUTAGE = Duration.ofSeconds(6);

    @TempDir
    Path dataDirectory;

    @Test
    void thePoolAnswersAgainWithinMomentsOfTheDatabasesReturn() throws Exception {
        int port = freePort();
        EmbeddedPostgresServer database = EmbeddedPostgresServer.startPersistent(dataDirectory, port);
        DatabaseLocation location = database.location("postgres");
        try (HikariDataSource pool = ConnectionPool.open(location,
                new ConnectionPool.Settings(2, Duration.ofMillis(300), Duration.ofSeconds(5), "cruddur-test"))) {
            assertThat(answers(pool)).isTrue();

            database.close();
            long outageEnds = System.nanoTime() + OUTAGE.toNanos();
            while (System.nanoTime() < outageEnds) {
                assertThat(answers(pool)).as("while the database is away").isFalse();
                Thread.sleep(200);
            }
            database = EmbeddedPostgresServer.startPersistent(dataDirectory, port);
            long returned = System.nanoTime();
            while (!answers(pool) && System.nanoTime() - returned < Duration.ofSeconds(15).toNanos()) {
                Thread.sleep(50);
            }

            assertThat(Duration.ofNanos(System.nanoTime() - returned)).isLessThan(Duration.ofMillis(2500));
        } finally {
            database.close();
        }
    }

    private static boolean answers(HikariDataSource pool) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            return statement.execute("SELECT 1");
        } catch (SQLException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
