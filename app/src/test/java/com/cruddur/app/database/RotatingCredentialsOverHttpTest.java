package com.cruddur.app.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.app.AppConfig;
import com.cruddur.app.Application;
import com.cruddur.database.DevelopmentSeed;
import com.cruddur.testing.PasswordRole;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server's database credentials from a Secrets Manager secret (a local server speaking its API), through a
 * rotation of the password on the real PostgreSQL between two requests.
 */
@ExtendWith(PostgresExtension.class)
class RotatingCredentialsOverHttpTest {

    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-test-AbCdEf";
    private static final String FEED = "{\"query\":\"{ homeFeed(first: 3) { nodes { message author { handle } } } }\"}";
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aRotationBetweenTwoRequestsCostsNoFailedRequest(TestDatabase database) throws Exception {
        DevelopmentSeed.apply(database.dataSource());
        try (PasswordRole role = PasswordRole.create(database, "first-Passw0rd");
             FakeSecretsManager secrets = new FakeSecretsManager(SECRET_ARN, null, "first-Passw0rd")) {
            secrets.username(role.name());
            try (Application server = Application.start(AppConfig.fromEnvironment(environment(role, secrets)))) {
                assertThat(feed(server).statusCode()).isEqualTo(200);
                assertThat(secrets.reads()).as("read once at start").isEqualTo(1);

                role.changePassword("second-Passw0rd");
                secrets.rotate("second-Passw0rd");
                role.endSessions(); // the pool must log in again, with the password it remembers: now refused
                // HikariCP hands out a connection used in the last 500 ms without checking it; wait past that window so
                // the pool finds its ended connections and opens new ones instead of serving a request on a dead one.
                Thread.sleep(600);

                HttpResponse<String> afterRotation = feed(server);
                assertThat(afterRotation.statusCode()).as(afterRotation.body()).isEqualTo(200);
                assertThat(afterRotation.body()).contains("andrewbrown").doesNotContain("errors");
                assertThat(secrets.reads()).as("read again once refused").isEqualTo(2);
                assertThat(role.logsIn("first-Passw0rd")).isFalse();
            }
        }
    }

    @Test
    void aUrlWithAPasswordBesideTheSecretIsAStartupError() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of(
                "CONNECTION_URL", "postgresql://cruddurroot:stale@db.example.com:5432/cruddur",
                "DB_SECRET_ID", SECRET_ARN)))
                .hasMessage("CONNECTION_URL must not hold a password when DB_SECRET_ID names the secret that does");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("DB_SECRET_ID", SECRET_ARN)))
                .hasMessageContaining("DB_SECRET_ID needs CONNECTION_URL");
    }

    private static Map<String, String> environment(PasswordRole role, FakeSecretsManager secrets) {
        Map<String, String> env = new HashMap<>();
        env.put("CONNECTION_URL", role.locationWithoutCredentials().libpqUrl());
        env.put("CRUDDUR_ENV", "development");
        env.put("DB_SECRET_ID", SECRET_ARN);
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        env.put("MIGRATE_ON_START", "false");
        env.put("PORT", "0");
        env.put("MANAGEMENT_PORT", "0");
        env.put("DB_POOL_SIZE", "2");
        env.put("DB_POOL_TIMEOUT_MS", "3000");
        return env;
    }

    private HttpResponse<String> feed(Application server) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FEED)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
