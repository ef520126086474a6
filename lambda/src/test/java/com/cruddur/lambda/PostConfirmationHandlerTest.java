package com.cruddur.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.cruddur.lambda.local.LocalContext;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestData;
import com.cruddur.testing.TestDatabase;
import com.cruddur.user.SignUpRejectedException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(PostgresExtension.class)
class PostConfirmationHandlerTest {

    private static final String SUB = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    private final TestDatabase database;
    private final PostConfirmationHandler handler;

    PostConfirmationHandlerTest(TestDatabase database) {
        this.database = database;
        this.handler = new PostConfirmationHandler(database.location().libpqUrl());
    }

    @BeforeEach
    void noUsers() {
        database.execute("DELETE FROM activities; DELETE FROM users");
    }

    @Test
    void theReferenceEventBecomesOneUserAndIsReturned() {
        CognitoUserPoolPostConfirmationEvent event = TestEvents.resource("post-confirmation-sign-up");
        LocalContext context = new LocalContext();

        assertThat(handler.handleRequest(event, context)).isSameAs(event);

        assertThat(usersRows()).containsExactly(
                Map.of("cognito_user_id", SUB, "email", "andrew@example.com", "handle", "andrewbrown",
                        "display_name", "Andrew Brown"));
        assertThat(context.logLines()).singleElement().asString()
                .contains("\"outcome\":\"CREATED\"").doesNotContain("andrew@example.com", "Andrew Brown");
    }

    @Test
    void aConnectionUrlWithoutCredentialsTakesThemFromPgUserAndPgPassword() {
        var location = database.location();
        Map<String, String> environment = new java.util.HashMap<>(Map.of("PGUSER", location.user()));
        if (location.password() != null) {
            environment.put("PGPASSWORD", location.password());
        }
        PostConfirmationHandler withoutUser = new PostConfirmationHandler(
                "postgresql://" + location.host() + ":" + location.port() + "/" + location.database(), environment);
        CognitoUserPoolPostConfirmationEvent event = TestEvents.resource("post-confirmation-sign-up");

        assertThat(withoutUser.handleRequest(event, new LocalContext())).isSameAs(event);

        assertThat(database.queryValue("SELECT count(*) FROM users WHERE cognito_user_id = '" + SUB + "'", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void aReplayLeavesOneRowAndSucceedsEachTime() {
        for (int attempt = 0; attempt < 3; attempt++) {
            CognitoUserPoolPostConfirmationEvent event = TestEvents.resource("post-confirmation-sign-up");
            assertThat(handler.handleRequest(event, new LocalContext())).isSameAs(event);
        }
        assertThat(database.queryValue("SELECT count(*) FROM users WHERE cognito_user_id = '" + SUB + "'", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void threeConcurrentInvocationsLeaveOneRow() throws Exception {
        ExecutorService containers = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 5; round++) {
                String sub = "concurrent-" + round;
                CyclicBarrier together = new CyclicBarrier(3);
                List<CompletableFuture<CognitoUserPoolPostConfirmationEvent>> invocations = new ArrayList<>();
                for (int container = 0; container < 3; container++) {
                    // Concurrent invocations run in separate containers, each with its own handler and connection.
                    PostConfirmationHandler own = new PostConfirmationHandler(database.location().libpqUrl());
                    CognitoUserPoolPostConfirmationEvent event = TestEvents.signUpWith(attributes -> {
                        attributes.put("sub", sub);
                        attributes.put("preferred_username", sub.replace('-', '_'));
                    });
                    invocations.add(CompletableFuture.supplyAsync(() -> {
                        await(together);
                        return own.handleRequest(event, new LocalContext());
                    }, containers));
                }
                for (CompletableFuture<CognitoUserPoolPostConfirmationEvent> invocation : invocations) {
                    assertThat(invocation.get()).isNotNull();
                }
                assertThat(database.queryValue("SELECT count(*) FROM users WHERE cognito_user_id = '" + sub + "'",
                        Integer.class)).isEqualTo(1);
            }
        } finally {
            containers.shutdownNow();
        }
    }

    @Test
    void aPasswordResetIsEchoedWithoutTouchingTheDatabase() throws Exception {
        // Nothing listens on this port: any connection attempt would fail the invocation.
        PostConfirmationHandler unreachable = new PostConfirmationHandler("postgresql://postgres@127.0.0.1:" + TcpRelay.closedPort() + "/cruddur");
        CognitoUserPoolPostConfirmationEvent event = TestEvents.resource("post-confirmation-forgot-password");

        assertThat(unreachable.handleRequest(event, new LocalContext())).isSameAs(event);
        assertThat(handler.handleRequest(TestEvents.resource("post-confirmation-forgot-password"), new LocalContext()))
                .isNotNull();
        assertThat(usersRows()).isEmpty();
    }

    @Test
    void hostileStringsAreStoredVerbatim() {
        String name = "Robert'); DROP TABLE users;-- \"Bobby\" \\ 😀 שלום עולם";
        String email = "o'brien+\"quoted\"😀@example.com";
        handler.handleRequest(TestEvents.signUpWith(attributes -> {
            attributes.put("name", name);
            attributes.put("email", email);
            attributes.put("preferred_username", "O_Brien");
        }), new LocalContext());

        assertThat(usersRows()).containsExactly(
                Map.of("cognito_user_id", SUB, "email", email, "handle", "O_Brien", "display_name", name));
    }

    @Test
    void withoutANameTheHandleIsTheDisplayName() {
        handler.handleRequest(TestEvents.signUpWith(attributes -> attributes.remove("name")), new LocalContext());

        assertThat(database.queryValue("SELECT display_name FROM users", String.class)).isEqualTo("andrewbrown");
    }

    @Test
    void aSignUpClaimsTheSeededPlaceholderWithItsHandle() {
        TestData data = new TestData(database);
        UUID seeded = data.user("AndrewBrown").uuid(UUID.fromString("11111111-1111-1111-1111-111111111111"))
                .displayName("Seeded Andrew").email("seed@exampro.co").cognitoUserId("MOCK-andrewbrown")
                .bio("Founder of Cruddur.").insert();
        data.crud(seeded, "seeded crud");
        LocalContext context = new LocalContext();

        handler.handleRequest(TestEvents.resource("post-confirmation-sign-up"), context);
        handler.handleRequest(TestEvents.resource("post-confirmation-sign-up"), new LocalContext());

        assertThat(usersRows()).containsExactly(
                Map.of("cognito_user_id", SUB, "email", "andrew@example.com", "handle", "AndrewBrown",
                        "display_name", "Andrew Brown"));
        assertThat(database.queryValue("SELECT uuid::text FROM users", String.class))
                .isEqualTo("11111111-1111-1111-1111-111111111111");
        assertThat(database.queryValue("SELECT bio FROM users", String.class)).isEqualTo("Founder of Cruddur.");
        assertThat(context.logLines()).singleElement().asString().contains("\"outcome\":\"CLAIMED_PLACEHOLDER\"");
    }

    @Test
    void aHandleARealUserHasIsRefusedWithAShortCode() {
        new TestData(database).user("ANDREWBROWN").displayName("Someone Else").email("else@example.com")
                .cognitoUserId("another-real-sub").insert();
        LocalContext context = new LocalContext();

        assertThatThrownBy(() -> handler.handleRequest(TestEvents.resource("post-confirmation-sign-up"), context))
                .isInstanceOf(SignUpRejectedException.class)
                .hasMessage("handle_taken");
        assertThat(database.queryValue("SELECT count(*) FROM users", Integer.class)).isEqualTo(1);
        assertThat(context.logLines()).singleElement().asString()
                .contains("\"code\":\"handle_taken\"").doesNotContain("andrew@example.com", "Andrew Brown", "andrewbrown");
    }

    @ParameterizedTest
    @CsvSource({
            "sub,                cognito_user_id_blank",
            "email,              email_blank",
            "preferred_username, handle_blank",
    })
    void aMissingRequiredAttributeFailsClearlyAndWritesNothing(String attribute, String code) {
        assertThatThrownBy(() -> handler.handleRequest(
                TestEvents.signUpWith(attributes -> attributes.remove(attribute)), new LocalContext()))
                .isInstanceOf(SignUpRejectedException.class)
                .hasMessage(code);
        assertThat(usersRows()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "preferred_username | andrew brown | handle_invalid",
            "preferred_username | ándrew       | handle_invalid",
            "email              | not-an-email | email_invalid",
    })
    void anAttributeOutsideTheApiRulesFailsAndWritesNothing(String attribute, String value, String code) {
        assertThatThrownBy(() -> handler.handleRequest(
                TestEvents.signUpWith(attributes -> attributes.put(attribute, value)), new LocalContext()))
                .hasMessage(code);
        assertThat(usersRows()).isEmpty();
    }

    @Test
    void aNameLongerThanTheApiAllowsIsRefused() {
        assertThatThrownBy(() -> handler.handleRequest(
                TestEvents.signUpWith(attributes -> attributes.put("name", "😀".repeat(101))), new LocalContext()))
                .hasMessage("display_name_exceed_max_chars");
        handler.handleRequest(TestEvents.signUpWith(attributes -> attributes.put("name", "😀".repeat(100))),
                new LocalContext());
        assertThat(usersRows()).hasSize(1);
    }

    @Test
    void anUnreachableDatabaseFailsTheInvocationThenTheNextOneSucceedsOnAFreshConnection() throws Exception {
        int port = TcpRelay.closedPort();
        PostConfirmationHandler container = new PostConfirmationHandler(
                "postgresql://postgres:s3cret-pw@127.0.0.1:" + port + "/" + database.location().database());
        LocalContext failed = new LocalContext();

        assertThatThrownBy(() -> container.handleRequest(TestEvents.resource("post-confirmation-sign-up"), failed))
                .isInstanceOf(SignUpFailedException.class)
                .hasMessage("database_unavailable")
                .hasNoCause();
        assertThat(failed.logLines()).singleElement().asString()
                .contains("\"level\":\"ERROR\"", "\"sqlstate\":\"08001\"", "java.net.ConnectException")
                .doesNotContain("s3cret-pw", "andrew@example.com", "Andrew Brown");

        try (TcpRelay databaseBack = TcpRelay.start(port, database.location().host(), database.location().port())) {
            container.handleRequest(TestEvents.resource("post-confirmation-sign-up"), new LocalContext());
        }
        assertThat(usersRows()).hasSize(1);
    }

    @Test
    void aDatabaseThatNeverAnswersFailsTheInvocationWithinCognitosFiveSeconds() throws Exception {
        // The kernel completes the TCP handshake for this listening socket; nothing ever reads or replies.
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            PostConfirmationHandler container = new PostConfirmationHandler(
                    "postgresql://postgres@127.0.0.1:" + silent.getLocalPort() + "/cruddur");
            LocalContext context = new LocalContext();
            CognitoUserPoolPostConfirmationEvent event = TestEvents.resource("post-confirmation-sign-up");

            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() ->
                    container.handleRequest(event, context))
                    .hasMessage("database_unavailable"));
            assertThat(context.logLines()).singleElement().asString().contains("\"sqlstate\":\"08001\"");
        }
    }

    @Test
    void aStatementStuckBehindALockIsCancelledByTheStatementTimeout() throws Exception {
        try (var locker = database.dataSource().getConnection(); var lock = locker.createStatement()) {
            locker.setAutoCommit(false);
            lock.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
            LocalContext context = new LocalContext();

            assertThatThrownBy(() -> handler.handleRequest(TestEvents.resource("post-confirmation-sign-up"), context))
                    .hasMessage("database_unavailable");
            assertThat(context.logLines()).singleElement().asString().contains("\"sqlstate\":\"57014\"");
            locker.rollback();
        }
        handler.handleRequest(TestEvents.resource("post-confirmation-sign-up"), new LocalContext());
        assertThat(usersRows()).hasSize(1);
    }

    @Test
    void warmInvocationsReuseOneConnectionAndReplaceItWhenTheServerDropsIt() {
        PostConfirmationHandler container = new PostConfirmationHandler(database.location().libpqUrl());
        Set<Integer> othersBackends = lambdaBackends();

        container.handleRequest(TestEvents.resource("post-confirmation-sign-up"), new LocalContext());
        Set<Integer> opened = difference(lambdaBackends(), othersBackends);
        container.handleRequest(TestEvents.resource("post-confirmation-sign-up"), new LocalContext());
        assertThat(opened).hasSize(1);
        assertThat(difference(lambdaBackends(), othersBackends)).isEqualTo(opened);

        database.execute("SELECT pg_terminate_backend(" + opened.iterator().next() + ")");
        container.handleRequest(TestEvents.resource("post-confirmation-sign-up"), new LocalContext());

        Set<Integer> reopened = difference(lambdaBackends(), othersBackends);
        assertThat(reopened).hasSize(1).doesNotContainAnyElementsOf(opened);
        assertThat(usersRows()).hasSize(1);
    }

    /** The server processes serving the Lambda's connections to this database. */
    private Set<Integer> lambdaBackends() {
        return Set.copyOf(database.jdbi().withHandle(handle -> handle.createQuery("""
                SELECT pid FROM pg_stat_activity
                WHERE application_name = 'cruddur-sign-up-lambda' AND datname = current_database()
                """).mapTo(Integer.class).list()));
    }

    private static Set<Integer> difference(Set<Integer> all, Set<Integer> removed) {
        Set<Integer> remaining = new HashSet<>(all);
        remaining.removeAll(removed);
        return remaining;
    }

    private List<Map<String, Object>> usersRows() {
        return database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT cognito_user_id, email, handle, display_name FROM users ORDER BY created_at")
                .mapToMap().list());
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
