package com.cruddur.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.kernel.UserError;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestData;
import com.cruddur.testing.TestDatabase;
import com.cruddur.user.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The rules that the GraphQL schema already enforces (a Ttl! and a UUID! cannot be missing), kept by the facade too. */
@ExtendWith(PostgresExtension.class)
class ActivitiesTest {

    private final TestDatabase database;
    private final Activities activities;

    ActivitiesTest(TestDatabase database) {
        this.database = database;
        this.activities = new Activities(database.jdbi(), new Users(database.jdbi()));
    }

    @BeforeEach
    void aUser() {
        database.execute("DELETE FROM activities; DELETE FROM users");
        new TestData(database).user("a").insert();
    }

    @Test
    void aCrudWithoutATtlIsTtlBlankAndNotWritten() {
        ActivityWrite write = activities.create("sub-a", "hello", null);

        assertThat(write.errors()).extracting(UserError::code).containsExactly("ttl_blank");
        assertThat(database.queryValue("SELECT count(*) FROM activities", Long.class)).isZero();
    }

    @Test
    void aReplyWithoutAParentIsActivityUuidBlankAndNotWritten() {
        ActivityWrite write = activities.reply("sub-a", null, "hello");

        assertThat(write.errors()).extracting(UserError::code).containsExactly("activity_uuid_blank");
        assertThat(database.queryValue("SELECT count(*) FROM activities", Long.class)).isZero();
    }
}
