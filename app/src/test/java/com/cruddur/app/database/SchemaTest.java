package com.cruddur.app.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.database.DevelopmentSeed;
import com.cruddur.database.Migrations;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestData;
import com.cruddur.testing.TestDatabase;
import com.cruddur.testing.TestPostgresServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The first migration's tables, constraints and indexes, and the seed, on a real PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class SchemaTest {

    private final TestDatabase database;

    SchemaTest(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void emptyTables() {
        database.execute("DELETE FROM activities; DELETE FROM users;");
    }

    @Test
    void migrationsApplyToAnEmptyDatabaseAndReapplyAsANoOp() {
        try (TestDatabase empty = TestPostgresServer.get().createEmptyDatabase()) {
            assertThat(Migrations.apply(empty.dataSource()).migrationsExecuted).isEqualTo(1);
            new TestData(empty).user("a").insert();

            assertThat(Migrations.apply(empty.dataSource()).migrationsExecuted).isZero();
            assertThat(empty.queryValue("SELECT count(*) FROM users", Long.class)).isEqualTo(1);
            assertThat(empty.queryValue("SELECT count(*) FROM flyway_schema_history WHERE success", Long.class)).isEqualTo(1);
        }
    }

    @Test
    void theSeedIsIdempotent() {
        DevelopmentSeed.apply(database.dataSource());
        String snapshot = snapshot();

        DevelopmentSeed.apply(database.dataSource());

        assertThat(snapshot()).isEqualTo(snapshot);
        assertThat(database.queryValue("SELECT count(*) FROM users", Long.class)).isEqualTo(4);
        assertThat(database.queryValue("SELECT count(DISTINCT cognito_user_id) FROM users", Long.class)).isEqualTo(4);
        assertThat(database.queryValue(
                "SELECT replies_count FROM activities WHERE message = 'This was imported as seed data!'", Integer.class)).isEqualTo(1);
    }

    @Test
    void handlesAreUniqueWhateverTheirCase() {
        insertUser("andrewbrown", "sub-1");

        assertThatThrownBy(() -> insertUser("AndrewBrown", "sub-2")).hasMessageContaining("users_handle_lower_key");
    }

    @Test
    void cognitoUserIdsAreUnique() {
        insertUser("first", "same-sub");

        assertThatThrownBy(() -> insertUser("second", "same-sub")).hasMessageContaining("users_cognito_user_id_key");
    }

    @Test
    void countersCannotGoNegative() {
        insertUser("author", "sub-author");
        insertActivity("author", "hello");

        assertThatThrownBy(() -> database.execute("UPDATE activities SET replies_count = -1"))
                .hasMessageContaining("activities_counters_not_negative");
    }

    @Test
    void anActivityNeedsAnExistingUser() {
        assertThatThrownBy(() -> database.execute(
                "INSERT INTO activities (user_uuid, message) VALUES (gen_random_uuid(), 'orphan')"))
                .hasMessageContaining("activities_user_uuid_fkey");
    }

    @Test
    void aReplyPointsAtAnExistingActivityByUuid() {
        insertUser("author", "sub-author");

        assertThatThrownBy(() -> database.execute("""
                INSERT INTO activities (user_uuid, message, reply_to_activity_uuid)
                SELECT uuid, 'reply to nothing', gen_random_uuid() FROM users WHERE handle = 'author'"""))
                .hasMessageContaining("activities_reply_to_activity_uuid_fkey");
        assertThat(database.queryValue("""
                SELECT data_type FROM information_schema.columns
                WHERE table_name = 'activities' AND column_name = 'reply_to_activity_uuid'""", String.class)).isEqualTo("uuid");
    }

    @Test
    void messageLengthIsCheckedInCodePoints() {
        insertUser("author", "sub-author");
        String emoji280 = "😀".repeat(280);

        insertActivity("author", emoji280);
        assertThatThrownBy(() -> insertActivity("author", emoji280 + "x")).hasMessageContaining("activities_message_length");
        assertThatThrownBy(() -> insertActivity("author", "   ")).hasMessageContaining("activities_message_length");
    }

    @Test
    void timestampsCarryATimeZone() {
        assertThat(database.queryValue("""
                SELECT count(*) FROM information_schema.columns
                WHERE table_name IN ('users', 'activities') AND data_type = 'timestamp without time zone'""", Long.class)).isZero();
    }

    @Test
    void theFeedQueryReadsTheFeedIndexInOrderWithoutSorting() {
        insertUser("author", "sub-author");
        database.execute("""
                INSERT INTO activities (user_uuid, message, reply_to_activity_uuid, expires_at, created_at)
                SELECT u.uuid, 'crud ' || n, NULL,
                       CASE WHEN n % 10 = 0 THEN now() - n * interval '1 minute' + interval '30 seconds'
                            ELSE now() + interval '1 day' END,
                       now() - n * interval '1 minute'
                FROM users u, generate_series(1, 5000) AS n;
                ANALYZE activities;""");
        String plan = database.jdbi().withHandle(handle -> {
            return String.join("\n", handle.createQuery("""
                    EXPLAIN SELECT uuid FROM activities
                    WHERE reply_to_activity_uuid IS NULL AND (expires_at IS NULL OR expires_at > now())
                    ORDER BY created_at DESC, uuid DESC LIMIT 21""").mapTo(String.class).list());
        });

        assertThat(plan).contains("activities_home_feed_idx").doesNotContain("Sort");
    }

    private void insertUser(String handle, String cognitoUserId) {
        new TestData(database).user(handle).cognitoUserId(cognitoUserId).insert();
    }

    private void insertActivity(String handle, String message) {
        database.jdbi().useHandle(handle1 -> handle1.createUpdate(
                        "INSERT INTO activities (user_uuid, message) SELECT uuid, :message FROM users WHERE handle = :handle")
                .bind("message", message).bind("handle", handle).execute());
    }

    private String snapshot() {
        return database.jdbi().withHandle(handle -> String.join("\n", handle.createQuery("""
                SELECT concat_ws('|', uuid, user_uuid, message, replies_count, expires_at, created_at)
                FROM activities ORDER BY uuid""").mapTo(String.class).list())
                + handle.createQuery("SELECT string_agg(concat_ws('|', uuid, handle, email, cognito_user_id), ',' ORDER BY handle) FROM users")
                .mapTo(String.class).one());
    }

}
