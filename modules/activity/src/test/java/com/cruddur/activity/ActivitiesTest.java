package com.cruddur.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.kernel.UserError;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestData;
import com.cruddur.testing.TestDatabase;
import com.cruddur.user.Users;
import java.util.ArrayList;
import java.util.List;
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
    void eachCommittedWriteIsToldBeforeTheCallReturnsAndNoRefusedOne() {
        List<Activity> told = new ArrayList<>();
        Activities watched = new Activities(database.jdbi(), new Users(database.jdbi()), activity -> {
            // Told after the commit: a connection of its own already sees the row (and the parent's count).
            assertThat(database.queryValue("SELECT count(*) FROM activities WHERE uuid = '" + activity.uuid() + "'", Long.class))
                    .isEqualTo(1);
            told.add(activity);
        });

        Activity crud = watched.create("sub-a", "hello", Ttl.ONE_DAY).activity();
        Activity reply = watched.reply("sub-a", crud.uuid(), "hi back").activity();
        watched.create("sub-a", " ", Ttl.ONE_DAY);
        watched.reply("sub-a", java.util.UUID.randomUUID(), "to nothing");
        watched.create("sub-nobody", "hello", Ttl.ONE_DAY);

        assertThat(told).containsExactly(crud, reply);
        assertThat(database.queryValue("SELECT replies_count FROM activities WHERE uuid = '" + crud.uuid() + "'", Integer.class))
                .isEqualTo(1);
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
