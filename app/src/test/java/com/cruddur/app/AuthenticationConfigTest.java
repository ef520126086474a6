package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which token issuer the configuration selects, and the combinations it refuses. */
class AuthenticationConfigTest {

    private static final Map<String, String> COGNITO = Map.of(
            "AWS_COGNITO_USER_POOL_ID", "us-east-1_AbC123xyz",
            "AWS_COGNITO_USER_POOL_CLIENT_ID", "5abcdefghij0123456789klmno",
            "AWS_DEFAULT_REGION", "us-east-1");
    private static final String DATABASE = "postgresql://cruddur@db.example:5432/cruddur";

    @Test
    void theEmbeddedDefaultIsItsOwnLocalIssuer() {
        assertThat(config(Map.of()).localIssuer()).isTrue();
    }

    @Test
    void anotherDatabaseHasNoLocalIssuerUnlessAskedFor() {
        assertThat(config(Map.of("CONNECTION_URL", DATABASE)).localIssuer()).isFalse();
        assertThat(config(Map.of("CONNECTION_URL", DATABASE, "LOCAL_ISSUER", "true")).localIssuer()).isTrue();
        assertThat(config(Map.of("LOCAL_ISSUER", "false")).localIssuer()).isFalse();
    }

    @Test
    void withCognitoConfiguredTheEmbeddedDefaultUsesCognito() {
        AppConfig config = config(COGNITO);

        assertThat(config.localIssuer()).isFalse();
        assertThat(config.cognito()).hasValueSatisfying(pool -> assertThat(pool.clientId()).isEqualTo("5abcdefghij0123456789klmno"));
    }

    @Test
    void askingForTheLocalIssuerBesideCognitoIsAStartupError() {
        Map<String, String> env = new HashMap<>(COGNITO);
        env.put("LOCAL_ISSUER", "true");

        assertThatThrownBy(() -> config(env)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LOCAL_ISSUER=true cannot be used with a Cognito user pool configured");
    }

    @Test
    void askingForTheLocalIssuerInProductionIsAStartupError() {
        assertThatThrownBy(() -> config(Map.of("CRUDDUR_ENV", "production", "CONNECTION_URL", DATABASE, "LOCAL_ISSUER", "true")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LOCAL_ISSUER=true cannot be used with CRUDDUR_ENV=production");
        assertThat(config(Map.of("CRUDDUR_ENV", "production", "CONNECTION_URL", DATABASE)).localIssuer()).isFalse();
    }

    @Test
    void theLocalIssuersKeyLivesBesideTheEmbeddedData() {
        AppConfig config = config(Map.of("EMBEDDED_DB_DIR", "/srv/cruddur/.data/postgres"));

        assertThat(config.localIssuerKeyFile()).hasToString("/srv/cruddur/.data/local-issuer/signing-key.jwk.json");
    }

    private static AppConfig config(Map<String, String> env) {
        return AppConfig.fromEnvironment(env);
    }
}
