package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.app.auth.LocalIssuer;
import com.cruddur.database.DevelopmentSeed;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevTokenTest {

    @TempDir
    static Path data;

    private TestDatabase database;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void clearTheOutput() {
        out.reset();
        err.reset();
    }

    @BeforeAll
    void seed(TestDatabase database) {
        this.database = database;
        DevelopmentSeed.apply(database.dataSource());
    }

    @Test
    void itPrintsOnlyATokenWhoseSubIsTheUsersCognitoId() {
        int status = DevToken.print(config(Map.of()), "AndrewBrown", print(out), print(err));

        assertThat(status).isZero();
        String token = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(token).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        LocalIssuer issuer = LocalIssuer.open(config(Map.of()).localIssuerKeyFile(), false, false);
        assertThat(issuer.verifier().resolve("Bearer " + token).cognitoUserId()).contains("MOCK-andrewbrown");
    }

    @Test
    void anUnknownHandleIsAnError() {
        int status = DevToken.print(config(Map.of()), "nobody", print(out), print(err));

        assertThat(status).isEqualTo(1);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no user has the handle nobody");
    }

    @Test
    void itRefusesWhenCognitoIsConfigured() {
        int status = DevToken.print(config(Map.of(
                "AWS_COGNITO_USER_POOL_ID", "us-east-1_AbC123xyz",
                "AWS_COGNITO_USER_POOL_CLIENT_ID", "abc123",
                "AWS_DEFAULT_REGION", "us-east-1")), "andrewbrown", print(out), print(err));

        assertThat(status).isEqualTo(2);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Cognito");
    }

    @Test
    void itRefusesInProduction() {
        int status = DevToken.print(config(Map.of("CRUDDUR_ENV", "production")), "andrewbrown", print(out), print(err));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("production");
    }

    private AppConfig config(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("CONNECTION_URL", database.location().libpqUrl());
        env.put("EMBEDDED_DB_DIR", data.resolve("postgres").toString());
        env.putAll(overrides);
        return AppConfig.fromEnvironment(env);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
