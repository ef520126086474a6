package com.cruddur.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/** What a failed statement's exception says is what reaches an INTERNAL log line: never the row's values. */
class ServerErrorDetailTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aConstraintViolationsMessageHoldsNoValueOfTheRowButItsConstraintIsKnown() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (EmbeddedPostgresServer database = EmbeddedPostgresServer.startPersistent(dataDirectory, port);
             HikariDataSource pool = ConnectionPool.open(database.location("postgres"),
                     new ConnectionPool.Settings(1, Duration.ofSeconds(2), Duration.ofSeconds(5), "cruddur-test"));
             Connection connection = pool.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE people (email text CONSTRAINT people_email_key UNIQUE)");
            statement.execute("INSERT INTO people VALUES ('someone@example.com')");

            assertThatThrownBy(() -> statement.execute("INSERT INTO people VALUES ('someone@example.com')"))
                    .isInstanceOf(PSQLException.class)
                    .hasMessageContaining("people_email_key")
                    .hasMessageNotContaining("someone@example.com")
                    .satisfies(e -> assertThat(((PSQLException) e).getServerErrorMessage().getConstraint())
                            .isEqualTo("people_email_key"));
        }
    }
}
