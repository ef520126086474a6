package com.cruddur.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.cruddur.lambda.local.LocalContext;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import com.cruddur.user.SignUpRejectedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whom the Lambda believes: only its own user pool and app client, when configured; a seeded placeholder only for
 * its own verified email, and only where claims are switched on; and no attribute it cannot store as sent.
 */
@ExtendWith(PostgresExtension.class)
class SignUpTrustTest {

    private static final String POOL = "us-east-1_EXAMPLE01";
    private static final String CLIENT = "1example2clientid3abcdefgh";
    private static final String SEEDED = """
            INSERT INTO users (uuid, display_name, handle, email, cognito_user_id, bio)
            VALUES ('11111111-1111-1111-1111-111111111111', 'Seeded Andrew', 'andrewbrown', '%s',
                    'MOCK-andrewbrown', 'Founder of Cruddur.')
            """;

    private final TestDatabase database;

    SignUpTrustTest(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void noUsers() {
        database.execute("DELETE FROM activities; DELETE FROM users");
    }

    private PostConfirmationHandler handler(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("CONNECTION_URL", database.location().libpqUrl());
        return new PostConfirmationHandler(SignUpSettings.fromEnvironment(env));
    }

    @Test
    void anEventFromAnotherUserPoolOrAppClientIsRefusedAndWritesNothing() {
        PostConfirmationHandler pinned = handler(Map.of("AWS_COGNITO_USER_POOL_ID", POOL, "AWS_COGNITO_USER_POOL_CLIENT_ID", CLIENT));
        CognitoUserPoolPostConfirmationEvent otherPool = TestEvents.resource("post-confirmation-sign-up");
        otherPool.setUserPoolId("us-east-1_ATTACKER");
        CognitoUserPoolPostConfirmationEvent otherClient = TestEvents.resource("post-confirmation-sign-up");
        otherClient.getCallerContext().setClientId("someoneelsesclient");
        CognitoUserPoolPostConfirmationEvent noClient = TestEvents.resource("post-confirmation-sign-up");
        noClient.setCallerContext(null);
        LocalContext context = new LocalContext();

        assertThatThrownBy(() -> pinned.handleRequest(otherPool, context)).isInstanceOf(SignUpRejectedException.class)
                .hasMessage("user_pool_not_accepted");
        assertThatThrownBy(() -> pinned.handleRequest(otherClient, new LocalContext())).hasMessage("app_client_not_accepted");
        assertThatThrownBy(() -> pinned.handleRequest(noClient, new LocalContext())).hasMessage("app_client_not_accepted");
        assertThatThrownBy(() -> handler(Map.of("AWS_COGNITO_USER_POOL_ID", POOL)).handleRequest(otherPool, new LocalContext()))
                .hasMessage("user_pool_not_accepted");
        assertThat(usersCount()).isZero();
        assertThat(context.logLines()).singleElement().asString().contains("\"code\":\"user_pool_not_accepted\"");

        pinned.handleRequest(TestEvents.resource("post-confirmation-sign-up"), new LocalContext());
        handler(Map.of("AWS_COGNITO_USER_POOL_ID", POOL)).handleRequest(otherClient, new LocalContext());
        assertThat(usersCount()).isEqualTo(1);
    }

    @Test
    void aPlaceholderIsClaimedOnlyWhenSwitchedOnAndByItsOwnVerifiedEmail() {
        database.execute(SEEDED.formatted("andrew@example.com"));
        PostConfirmationHandler claimsOff = handler(Map.of());
        PostConfirmationHandler claimsOn = handler(Map.of("CLAIM_SEEDED_PLACEHOLDERS", "true"));
        CognitoUserPoolPostConfirmationEvent unverified = TestEvents.signUpWith(attributes -> attributes.put("email_verified", "false"));
        CognitoUserPoolPostConfirmationEvent stranger = TestEvents.signUpWith(attributes -> attributes.put("email", "stranger@example.com"));
        CognitoUserPoolPostConfirmationEvent otherCase = TestEvents.signUpWith(attributes -> attributes.put("email", "Andrew@example.com"));
        String before = placeholder();

        for (var attempt : List.of(
                (Runnable) () -> claimsOff.handleRequest(TestEvents.resource("post-confirmation-sign-up"), new LocalContext()),
                () -> claimsOn.handleRequest(unverified, new LocalContext()),
                () -> claimsOn.handleRequest(TestEvents.signUpWith(attributes -> attributes.remove("email_verified")), new LocalContext()),
                () -> claimsOn.handleRequest(stranger, new LocalContext()),
                () -> claimsOn.handleRequest(otherCase, new LocalContext()))) {
            assertThatThrownBy(attempt::run).isInstanceOf(SignUpRejectedException.class).hasMessage("handle_taken");
            assertThat(placeholder()).isEqualTo(before);
            assertThat(usersCount()).isEqualTo(1);
        }

        LocalContext claimed = new LocalContext();
        claimsOn.handleRequest(TestEvents.resource("post-confirmation-sign-up"), claimed);
        assertThat(claimed.logLines()).singleElement().asString().contains("CLAIMED_PLACEHOLDER");
        assertThat(placeholder()).isEqualTo("11111111-1111-1111-1111-111111111111|0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d|andrew@example.com");
    }

    @Test
    void claimsCannotBeSwitchedOnInProduction() {
        assertThatThrownBy(() -> handler(Map.of("CLAIM_SEEDED_PLACEHOLDERS", "true", "CRUDDUR_ENV", "production")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CLAIM_SEEDED_PLACEHOLDERS");
        assertThatThrownBy(() -> handler(Map.of("CLAIM_SEEDED_PLACEHOLDERS", "yes")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("true or false");
    }

    @ParameterizedTest
    @CsvSource({
            "sub,   cognito_user_id_invalid_characters",
            "email, email_invalid_characters",
            "name,  display_name_invalid_characters",
    })
    void anAttributeThatCannotBeStoredAsSentIsATypedRefusal(String attribute, String code) {
        for (String bad : List.of("\u0000", "\ud800", "\udc00")) {
            LocalContext context = new LocalContext();
            CognitoUserPoolPostConfirmationEvent event = TestEvents.signUpWith(attributes ->
                    attributes.put(attribute, attributes.get(attribute) + bad));

            assertThatThrownBy(() -> handler(Map.of()).handleRequest(event, context))
                    .isInstanceOf(SignUpRejectedException.class).hasMessage(code);
            assertThat(context.logLines()).singleElement().asString().contains("\"code\":\"" + code + "\"");
        }
        assertThat(usersCount()).isZero();
    }

    @Test
    void theLambdasOwnRoleWithTheReadmeGrantsCanRecordAndClaim() throws IOException {
        String role = "cruddur_sign_up_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        String grants = Files.readString(Path.of("src/main/sql/sign-up-grants.sql")).replace("cruddur_sign_up", role);
        database.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'sign-up-pw'");
        try {
            database.execute(grants);
            database.execute(SEEDED.formatted("andrew@example.com"));
            Map<String, String> env = Map.of("CLAIM_SEEDED_PLACEHOLDERS", "true",
                    "CONNECTION_URL", database.location().withCredentials(role, "sign-up-pw").libpqUrl());
            PostConfirmationHandler ownRole = new PostConfirmationHandler(SignUpSettings.fromEnvironment(env));

            ownRole.handleRequest(TestEvents.resource("post-confirmation-sign-up"), new LocalContext());
            ownRole.handleRequest(TestEvents.resource("post-confirmation-sign-up"), new LocalContext());
            ownRole.handleRequest(TestEvents.signUpWith(attributes -> {
                attributes.put("sub", "another-sub");
                attributes.put("preferred_username", "someone_new");
            }), new LocalContext());
            assertThatThrownBy(() -> ownRole.handleRequest(TestEvents.signUpWith(attributes -> attributes.put("sub", "third-sub")),
                    new LocalContext())).hasMessage("handle_taken");

            assertThat(usersCount()).isEqualTo(2);
            assertThat(placeholder()).contains("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
            assertThat(database.queryValue("SELECT has_table_privilege('" + role + "', 'activities', 'SELECT')"
                    + " OR has_table_privilege('" + role + "', 'users', 'DELETE')", Boolean.class)).isFalse();
        } finally {
            database.execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
        }
    }

    private String placeholder() {
        return database.queryValue("SELECT concat_ws('|', uuid, cognito_user_id, email) FROM users WHERE lower(handle) = 'andrewbrown'",
                String.class);
    }

    private int usersCount() {
        return database.queryValue("SELECT count(*) FROM users", Integer.class);
    }
}
