package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Where Cognito signs people in, the local issuer's endpoints do not exist and /auth/config.json names Cognito's. */
@ExtendWith(PostgresExtension.class)
class SignInBesideCognitoTest {

    private static final Map<String, String> COGNITO = Map.of(
            "AWS_COGNITO_USER_POOL_ID", "us-east-1_AbC123xyz",
            "AWS_COGNITO_USER_POOL_CLIENT_ID", "5abcdefghij0123456789klmno",
            "AWS_DEFAULT_REGION", "us-east-1",
            "AWS_COGNITO_DOMAIN", "https://cruddur.auth.us-east-1.amazoncognito.com/",
            "OAUTH_REDIRECT_URIS", "https://cruddur.example/auth/callback, https://www.cruddur.example/auth/callback");
    private static final List<String> LOCAL_ISSUER_PATHS = List.of("/oauth2/authorize", "/oauth2/token", "/oauth2/signin.css",
            "/oauth2/anything", "/logout", "/.well-known/openid-configuration", "/.well-known/jwks.json");

    @Test
    void inProductionEveryLocalIssuerPathIsNotFoundAndConfigJsonPointsAtCognito(TestDatabase database) {
        Map<String, String> env = new HashMap<>(COGNITO);
        env.put("CRUDDUR_ENV", "production");
        try (RunningServer server = RunningServer.start(database, env)) {
            assertLocalIssuerAbsent(server);

            HttpResponse<String> response = server.get("/auth/config.json");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
            JsonNode config = RunningServer.read(response.body());
            assertThat(config.get("authorizeUrl").asText()).isEqualTo("https://cruddur.auth.us-east-1.amazoncognito.com/oauth2/authorize");
            assertThat(config.get("tokenUrl").asText()).isEqualTo("https://cruddur.auth.us-east-1.amazoncognito.com/oauth2/token");
            assertThat(config.get("logoutUrl").asText()).isEqualTo("https://cruddur.auth.us-east-1.amazoncognito.com/logout");
            assertThat(config.get("clientId").asText()).isEqualTo("5abcdefghij0123456789klmno");
            assertThat(config.get("redirectUri").asText()).isEqualTo("https://cruddur.example/auth/callback");
            assertThat(config.get("scopes")).hasToString("[\"openid\",\"email\",\"profile\"]");

        }
    }

    @Test
    void besideCognitoInDevelopmentTheLocalIssuerPathsAreNotFoundEither(TestDatabase database) {
        try (RunningServer server = RunningServer.start(database, COGNITO)) {
            assertLocalIssuerAbsent(server);
            assertThat(server.get("/auth/config.json").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutAManagedLoginDomainThereIsNoConfigJson(TestDatabase database) {
        Map<String, String> env = new HashMap<>(COGNITO);
        env.remove("AWS_COGNITO_DOMAIN");
        try (RunningServer server = RunningServer.start(database, env)) {
            assertThat(server.get("/auth/config.json").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theDomainNeedsItsPoolAndCallbackUrls() {
        Map<String, String> noCallbacks = new HashMap<>(COGNITO);
        noCallbacks.remove("OAUTH_REDIRECT_URIS");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(noCallbacks)).hasMessageContaining("OAUTH_REDIRECT_URIS is required");

        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("AWS_COGNITO_DOMAIN", "https://cruddur.auth.us-east-1.amazoncognito.com")))
                .hasMessageContaining("AWS_COGNITO_DOMAIN needs the user pool");

        Map<String, String> notAUrl = new HashMap<>(COGNITO);
        notAUrl.put("AWS_COGNITO_DOMAIN", "cruddur.auth.us-east-1.amazoncognito.com");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(notAUrl)).hasMessageContaining("AWS_COGNITO_DOMAIN is not a managed-login domain");

        Map<String, String> relative = new HashMap<>(COGNITO);
        relative.put("OAUTH_REDIRECT_URIS", "/auth/callback");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(relative)).hasMessageContaining("not an absolute http(s) URL");
    }

    private static void assertLocalIssuerAbsent(RunningServer server) {
        for (String path : LOCAL_ISSUER_PATHS) {
            assertThat(server.get(path).statusCode()).as("GET " + path).isEqualTo(404);
            assertThat(server.send(HttpRequest.newBuilder(server.uri(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code"))).statusCode())
                    .as("POST " + path).isEqualTo(404);
        }
    }
}
