package com.cruddur.app;

import com.cruddur.testing.TestDatabase;
import java.time.Duration;
import java.util.UUID;

/** Rows inserted straight into a test's database, with the timestamps a test needs to prove an order or a filter. */
final class TestData {

    private final TestDatabase database;

    TestData(TestDatabase database) {
        this.database = database;
    }

    UUID user(String handle, String cognitoUserId) {
        return database.jdbi().withHandle(handle1 -> handle1.createQuery("""
                        INSERT INTO users (display_name, handle, email, cognito_user_id)
                        VALUES (:handle || ' Name', :handle, :handle || '@example.com', :sub)
                        RETURNING uuid""")
                .bind("handle", handle).bind("sub", cognitoUserId).mapTo(UUID.class).one());
    }

    /** A crud created {@code age} ago that expires {@code expiresIn} from now (never when null; in the past when negative). */
    UUID crud(UUID author, String message, Duration age, Duration expiresIn) {
        return database.jdbi().withHandle(handle -> handle.createQuery("""
                        INSERT INTO activities (user_uuid, message, created_at, expires_at)
                        VALUES (:author, :message, now() - make_interval(secs => :age),
                                now() + make_interval(secs => CAST(:expiresIn AS double precision)))
                        RETURNING uuid""")
                .bind("author", author).bind("message", message).bind("age", (double) age.toSeconds())
                .bind("expiresIn", expiresIn == null ? null : (Double) (double) expiresIn.toSeconds())
                .mapTo(UUID.class).one());
    }

    /** A reply created {@code age} ago (the parent's counter is not touched: tests that need it use the API). */
    UUID reply(UUID author, UUID parent, String message, Duration age) {
        return database.jdbi().withHandle(handle -> handle.createQuery("""
                        INSERT INTO activities (user_uuid, message, reply_to_activity_uuid, created_at)
                        VALUES (:author, :message, :parent, now() - make_interval(secs => :age))
                        RETURNING uuid""")
                .bind("author", author).bind("message", message).bind("parent", parent).bind("age", (double) age.toSeconds())
                .mapTo(UUID.class).one());
    }

    /** Every row of both tables, to prove a refused write changed nothing. */
    String snapshot() {
        return database.jdbi().withHandle(handle -> String.join("\n", handle.createQuery("""
                SELECT concat_ws('|', uuid, user_uuid, message, replies_count, reply_to_activity_uuid, expires_at, created_at)
                FROM activities ORDER BY uuid""").mapTo(String.class).list())
                + "\n" + String.join("\n", handle.createQuery("""
                SELECT concat_ws('|', uuid, handle, display_name, bio, cognito_user_id) FROM users ORDER BY uuid""")
                .mapTo(String.class).list()));
    }
}
