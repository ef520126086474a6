package com.cruddur.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.kernel.UserError;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestData;
import com.cruddur.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMappers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The user module's facade over its own SQL, on a real PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class UsersTest {

    private final TestDatabase database;
    private final TestData data;
    private final Users users;

    UsersTest(TestDatabase database) {
        this.database = database;
        this.data = new TestData(database);
        this.users = new Users(database.jdbi());
    }

    @BeforeEach
    void noUsers() {
        database.execute("DELETE FROM activities; DELETE FROM users");
    }

    @Test
    void aSignUpBecomesOneRowHoweverOftenItIsReplayed() {
        SignUp signUp = new SignUp("sub-new", "new@example.com", true, "newcomer", "New Comer");

        assertThat(users.register(signUp, false)).isEqualTo(Registration.CREATED);
        assertThat(users.register(signUp, false)).isEqualTo(Registration.ALREADY_REGISTERED);

        assertThat(database.queryValue("SELECT count(*) FROM users WHERE cognito_user_id = 'sub-new'", Long.class)).isEqualTo(1);
        assertThat(users.findByCognitoUserId("sub-new")).get().extracting(User::handle, User::displayName)
                .containsExactly("newcomer", "New Comer");
    }

    @Test
    void aChangeToWhatIsShownOfAUserIsToldOnceCommittedAndOnlyThen() {
        List<UUID> told = new ArrayList<>();
        Users watched = new Users(database.jdbi(), uuid -> {
            // Told after the commit: a connection of its own already sees the change.
            assertThat(database.queryValue("SELECT count(*) FROM users WHERE uuid = '" + uuid + "' AND display_name LIKE 'Told%'",
                    Long.class)).isEqualTo(1);
            told.add(uuid);
        });
        UUID alice = data.user("alice").insert();
        UUID placeholder = data.user("seeded").cognitoUserId("MOCK-seeded").insert();

        watched.updateProfile("sub-alice", "Told Alice", null);
        watched.updateProfile("sub-alice", " ", null);
        watched.updateProfile("sub-nobody", "Told Nobody", null);
        assertThat(watched.register(new SignUp("sub-new", "new@example.com", true, "newcomer", "New"), true))
                .isEqualTo(Registration.CREATED);
        assertThatThrownBy(() -> watched.register(new SignUp("sub-other", "other@example.com", true, "seeded", "Told Other"), true))
                .as("another email: the placeholder is not claimed").hasMessage("handle_taken");
        assertThat(watched.register(new SignUp("real-sub", "seeded@example.com", true, "seeded", "Told Seeded"), true))
                .isEqualTo(Registration.CLAIMED_PLACEHOLDER);

        assertThat(told).containsExactly(alice, placeholder);
    }

    @Test
    void aSignUpClaimsTheSeededPlaceholderWithItsHandleInAnyCase() {
        UUID placeholder = data.user("andrewbrown").email("andrew@example.com").cognitoUserId("MOCK-andrewbrown").bio("Founder").insert();

        assertThat(users.register(new SignUp("real-sub", "andrew@example.com", true, "AndrewBrown", null), true))
                .isEqualTo(Registration.CLAIMED_PLACEHOLDER);

        User claimed = users.findByCognitoUserId("real-sub").orElseThrow();
        assertThat(claimed.uuid()).isEqualTo(placeholder);
        assertThat(claimed.bio()).isEqualTo("Founder");
    }

    @Test
    void aHandleARealUserHasIsRefusedAndNothingIsWritten() {
        data.user("taken").insert();
        String before = data.snapshot();

        assertThatThrownBy(() -> users.register(new SignUp("other-sub", "other@example.com", true, "TAKEN", null), true))
                .isInstanceOf(SignUpRejectedException.class).hasMessage("handle_taken");
        assertThatThrownBy(() -> users.register(new SignUp("other-sub", "other@example.com", true, "not a handle", null), true))
                .isInstanceOf(SignUpRejectedException.class).hasMessage("handle_invalid");
        assertThat(data.snapshot()).isEqualTo(before);
    }

    @Test
    void aHandleIsFoundInAnyCaseAndAMalformedOneIsNoUser() {
        data.user("Carol").insert();

        assertThat(users.findByHandle("cAROL")).get().extracting(User::handle).isEqualTo("Carol");
        assertThat(users.findByHandle("carol'; --")).isEmpty();
        assertThat(users.cognitoUserIdOfHandle("carol")).contains("sub-Carol");
    }

    @Test
    void aProfileUpdateReportsEveryBrokenRuleAndChangesNothing() {
        data.user("dora").bio("old bio").insert();
        String before = data.snapshot();

        ProfileUpdate refused = users.updateProfile("sub-dora", "  ", "x".repeat(UserRules.BIO_MAX + 1));

        assertThat(refused.errors()).extracting(UserError::code).containsExactly("display_name_blank", "bio_exceed_max_chars");
        assertThat(data.snapshot()).isEqualTo(before);
        assertThat(users.updateProfile("nobody", "Name", null).errors()).extracting(UserError::code)
                .containsExactly("user_not_found");
        assertThat(users.updateProfile("sub-dora", " Dora D. ", " ").user())
                .extracting(User::displayName, User::bio).containsExactly("Dora D.", null);
    }

    @Test
    void crudsCountsHoldEveryUserAskedFor() {
        UUID busy = data.user("busy").insert();
        UUID idle = data.user("idle").insert();
        data.crud(busy, "one");
        data.reply(busy, data.crud(busy, "two"), "a reply", java.time.Duration.ZERO);

        assertThat(users.crudsCounts(List.of(busy, idle))).isEqualTo(Map.of(busy, 3, idle, 0));
        assertThat(users.findByUuids(List.of(idle, UUID.randomUUID()))).extracting(User::handle).containsExactly("idle");
    }

    @Test
    void theRowMappersPluginMapsUsersForOtherModulesStatements() {
        UUID uuid = data.user("erin").insert();
        Jdbi jdbi = database.jdbi().installPlugin(Users.rowMappers());

        User plain = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT uuid, handle, display_name, bio, created_at FROM users").mapTo(User.class).one());
        @SuppressWarnings("unchecked")
        var authorMapper = (org.jdbi.v3.core.mapper.RowMapper<User>) jdbi.getConfig(RowMappers.class)
                .findFor(User.class, Users.AUTHOR_COLUMNS).orElseThrow();
        User author = jdbi.withHandle(handle -> handle.createQuery("""
                SELECT gen_random_uuid() AS uuid, now() AS created_at, u.uuid AS author_uuid, u.handle AS author_handle,
                       u.display_name AS author_display_name, u.bio AS author_bio, u.created_at AS author_created_at
                FROM users u""").map(authorMapper).one());

        assertThat(plain.uuid()).isEqualTo(uuid);
        assertThat(author).isEqualTo(plain);
    }
}
