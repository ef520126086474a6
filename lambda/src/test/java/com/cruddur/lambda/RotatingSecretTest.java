package com.cruddur.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.cruddur.lambda.local.LocalContext;
import com.cruddur.testing.PasswordRole;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Lambda's database credentials from a secret read through the Parameters and Secrets extension (a local server
 * speaking its HTTP API), through a rotation of the password on the real PostgreSQL between two sign-ups.
 */
@ExtendWith(PostgresExtension.class)
class RotatingSecretTest {

    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-test-AbCdEf";
    private static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE";

    @Test
    void aRotationBetweenTwoSignUpsCostsNoFailedSignUp(TestDatabase database) throws Exception {
        database.execute("DELETE FROM activities; DELETE FROM users");
        try (PasswordRole role = PasswordRole.create(database, "first-Passw0rd");
             FakeExtension extension = new FakeExtension(role.name(), "first-Passw0rd")) {
            PostConfirmationHandler container = new PostConfirmationHandler(role.locationWithoutCredentials().libpqUrl(),
                    Map.of("DB_SECRET_ID", SECRET_ARN, "AWS_SESSION_TOKEN", SESSION_TOKEN,
                            "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Integer.toString(extension.port())));

            container.handleRequest(signUp("11111111-1111-4111-8111-111111111111", "first"), new LocalContext());
            role.changePassword("second-Passw0rd");
            extension.password = "second-Passw0rd";
            role.endSessions(); // the container's connection is gone: it must log in again

            container.handleRequest(signUp("22222222-2222-4222-8222-222222222222", "second"), new LocalContext());

            assertThat(database.queryValue("SELECT count(*) FROM users", Long.class)).isEqualTo(2);
            assertThat(extension.requests).containsExactly(
                    "secretId=" + SECRET_ARN,
                    "secretId=" + SECRET_ARN + "&refreshNow=true");
            assertThat(extension.tokens).containsOnly(SESSION_TOKEN);
        }
    }

    @Test
    void anExtensionThatRefusesIsDatabaseUnavailableAndLeaksNothing(TestDatabase database) throws Exception {
        try (PasswordRole role = PasswordRole.create(database, "first-Passw0rd");
             FakeExtension extension = new FakeExtension(role.name(), "first-Passw0rd")) {
            PostConfirmationHandler container = new PostConfirmationHandler(role.locationWithoutCredentials().libpqUrl(),
                    Map.of("DB_SECRET_ID", SECRET_ARN, "AWS_SESSION_TOKEN", "wrong-token",
                            "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Integer.toString(extension.port())));
            LocalContext context = new LocalContext();

            assertThatThrownBy(() -> container.handleRequest(signUp("33333333-3333-4333-8333-333333333333", "third"), context))
                    .hasMessage("database_unavailable");
            assertThat(context.logLines()).singleElement().asString().doesNotContain("first-Passw0rd", SESSION_TOKEN);
        }
    }

    private static CognitoUserPoolPostConfirmationEvent signUp(String sub, String handle) {
        return TestEvents.signUpWith(attributes -> {
            attributes.put("sub", sub);
            attributes.put("email", handle + "@example.com");
            attributes.put("preferred_username", handle);
        });
    }

    /** The extension's HTTP API: GET /secretsmanager/get?secretId=..., X-Aws-Parameters-Secrets-Token, GetSecretValue's JSON. */
    private static final class FakeExtension implements AutoCloseable {
        final List<String> requests = new CopyOnWriteArrayList<>();
        final List<String> tokens = new CopyOnWriteArrayList<>();
        private final HttpServer server;
        private final String username;
        volatile String password;

        FakeExtension(String username, String password) throws IOException {
            this.username = username;
            this.password = password;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
            server.createContext("/secretsmanager/get", exchange -> {
                try (exchange) {
                    String token = exchange.getRequestHeaders().getFirst("X-Aws-Parameters-Secrets-Token");
                    tokens.add(String.valueOf(token));
                    requests.add(URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
                    if (!SESSION_TOKEN.equals(token)) {
                        respond(exchange, 401, "{\"message\":\"unauthorized\"}");
                        return;
                    }
                    String secret = "{\"username\":\"" + this.username + "\",\"password\":\"" + this.password + "\"}";
                    respond(exchange, 200, "{\"ARN\":\"" + SECRET_ARN + "\",\"Name\":\"rds!db-test\",\"VersionId\":\"v1\","
                            + "\"SecretString\":\"" + secret.replace("\"", "\\\"") + "\",\"VersionStages\":[\"AWSCURRENT\"],"
                            + "\"CreatedDate\":\"2026-12-01T12:00:00Z\",\"ResultMetadata\":{}}");
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
