package com.cruddur.testing;

import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * Rows inserted straight into a test's database, with the values a test needs to prove an order, a filter or a
 * conflict: {@code data.user("andrewbrown").cognitoUserId("MOCK-andrewbrown").insert()}.
 */
public final class TestData {

    private final Jdbi jdbi;

    public TestData(TestDatabase database) {
        this(database.dataSource());
    }

    public TestData(DataSource dataSource) {
        this.jdbi = Jdbi.create(dataSource);
    }

    /**
     * A user with this handle; unless set otherwise, the display name is {@code "<handle> Name"}, the email
     * {@code <handle>@example.com} and the Cognito id {@code sub-<handle>}.
     */
    public UserRow user(String handle) {
        return new UserRow(handle);
    }

    /** A crud created {@code age} ago that expires {@code expiresIn} from now (never when null; in the past when negative). */
    public UUID crud(UUID author, String message, Duration age, Duration expiresIn) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        INSERT INTO activities (user_uuid, message, created_at, expires_at)
                        VALUES (:author, :message, now() - make_interval(secs => :age),
                                now() + make_interval(secs => CAST(:expiresIn AS double precision)))
                        RETURNING uuid""")
                .bind("author", author).bind("message", message).bind("age", (double) age.toSeconds())
                .bind("expiresIn", expiresIn == null ? null : (Double) (double) expiresIn.toSeconds())
                .mapTo(UUID.class).one());
    }

    /** A crud created now that never expires. */
    public UUID crud(UUID author, String message) {
        return crud(author, message, Duration.ZERO, null);
    }

    /** A reply created {@code age} ago (the parent's counter is not touched: tests that need it use the API). */
    public UUID reply(UUID author, UUID parent, String message, Duration age) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        INSERT INTO activities (user_uuid, message, reply_to_activity_uuid, created_at)
                        VALUES (:author, :message, :parent, now() - make_interval(secs => :age))
                        RETURNING uuid""")
                .bind("author", author).bind("message", message).bind("parent", parent).bind("age", (double) age.toSeconds())
                .mapTo(UUID.class).one());
    }

    /** Every row of both tables, to prove a refused write changed nothing. */
    public String snapshot() {
        return jdbi.withHandle(handle -> String.join("\n", handle.createQuery("""
                SELECT concat_ws('|', uuid, user_uuid, message, replies_count, reply_to_activity_uuid, expires_at, created_at)
                FROM activities ORDER BY uuid""").mapTo(String.class).list())
                + "\n" + String.join("\n", handle.createQuery("""
                SELECT concat_ws('|', uuid, handle, display_name, bio, cognito_user_id) FROM users ORDER BY uuid""")
                .mapTo(String.class).list()));
    }

    /** A users row to insert; every column but the handle has a default. */
    public final class UserRow {

        private final String handle;
        private UUID uuid;
        private String displayName;
        private String email;
        private String cognitoUserId;
        private String bio;

        private UserRow(String handle) {
            this.handle = handle;
            this.displayName = handle + " Name";
            this.email = handle + "@example.com";
            this.cognitoUserId = "sub-" + handle;
        }

        public UserRow uuid(UUID value) {
            uuid = value;
            return this;
        }

        public UserRow displayName(String value) {
            displayName = value;
            return this;
        }

        public UserRow email(String value) {
            email = value;
            return this;
        }

        public UserRow cognitoUserId(String value) {
            cognitoUserId = value;
            return this;
        }

        public UserRow bio(String value) {
            bio = value;
            return this;
        }

        /** Inserts the row (a database error, such as a taken handle, is thrown as it comes) and returns its uuid. */
        public UUID insert() {
            return jdbi.withHandle(handle -> handle.createQuery("""
                            INSERT INTO users (uuid, display_name, handle, email, cognito_user_id, bio)
                            VALUES (COALESCE(CAST(:uuid AS uuid), gen_random_uuid()), :displayName, :handle, :email, :cognitoUserId, :bio)
                            RETURNING uuid""")
                    .bind("uuid", uuid).bind("displayName", displayName).bind("handle", this.handle)
                    .bind("email", email).bind("cognitoUserId", cognitoUserId).bind("bio", bio)
                    .mapTo(UUID.class).one());
        }
    }
}
