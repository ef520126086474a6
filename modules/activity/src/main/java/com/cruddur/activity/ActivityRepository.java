package com.cruddur.activity;

import com.cruddur.user.User;
import com.cruddur.user.Users;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.RowMappers;

/**
 * The activity module's SQL; each method runs the {@code .sql} file of the same name beside this class, read
 * once when the class loads.
 */
final class ActivityRepository {

    private static final String FIND_VISIBLE_BY_UUIDS = sql("findVisibleByUuids");
    private static final String INSERT_ACTIVITY = sql("insertActivity");
    private static final String INSERT_REPLY = sql("insertReply");
    private static final String INCREMENT_REPLIES_COUNT = sql("incrementRepliesCount");
    private static final String FIND_CREATED_BY_UUIDS = sql("findCreatedByUuids");
    private static final String FIND_CREATED_AFTER = sql("findCreatedAfter");

    private static final RowMapper<Activity> ACTIVITY = new ActivityRowMapper();

    private final Jdbi jdbi;

    ActivityRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The activities with these uuids that have not expired. */
    List<Activity> findVisibleByUuids(Collection<UUID> uuids) {
        return jdbi.withHandle(handle -> handle.createQuery(FIND_VISIBLE_BY_UUIDS)
                .bindArray("uuids", UUID.class, uuids)
                .map(ACTIVITY)
                .list());
    }

    /** These activities with their authors, whether expired or not. */
    List<NewActivity> findCreatedByUuids(Collection<UUID> uuids) {
        return jdbi.withHandle(handle -> handle.createQuery(FIND_CREATED_BY_UUIDS)
                .bindArray("uuids", UUID.class, uuids)
                .map(newActivity())
                .list());
    }

    /** Up to {@code limit} activities with their authors, in creation order, after this keyset position. */
    List<NewActivity> findCreatedAfter(OffsetDateTime afterCreatedAt, UUID afterUuid, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(FIND_CREATED_AFTER)
                .bind("afterCreatedAt", afterCreatedAt)
                .bind("afterUuid", afterUuid)
                .bind("limit", limit)
                .map(newActivity())
                .list());
    }

    /** An activity and its author (the author_ columns), with the user module's row mapper installed on the Jdbi. */
    private RowMapper<NewActivity> newActivity() {
        @SuppressWarnings("unchecked")
        RowMapper<User> author = (RowMapper<User>) jdbi.getConfig(RowMappers.class).findFor(User.class, Users.AUTHOR_COLUMNS)
                .orElseThrow(() -> new IllegalStateException("install Users.rowMappers() on the Jdbi"));
        return (row, context) -> new NewActivity(ACTIVITY.map(row, context), author.map(row, context));
    }

    Activity insertActivity(UUID userUuid, String message, long ttlSeconds) {
        return jdbi.withHandle(handle -> handle.createQuery(INSERT_ACTIVITY)
                .bind("userUuid", userUuid)
                .bind("message", message)
                .bind("ttlSeconds", ttlSeconds)
                .map(ACTIVITY)
                .one());
    }

    /**
     * The reply and its parent's new count, together or not at all. The parent's row lock serialises concurrent
     * replies, so N replies add exactly N. Empty (and nothing written) when the parent is gone or expired.
     */
    Optional<Activity> insertReplyAndCountIt(UUID userUuid, String message, UUID parentUuid) {
        return jdbi.inTransaction(handle -> incrementRepliesCount(handle, parentUuid) == 0
                ? Optional.empty()
                : Optional.of(insertReply(handle, userUuid, message, parentUuid)));
    }

    private static Activity insertReply(Handle handle, UUID userUuid, String message, UUID parentUuid) {
        return handle.createQuery(INSERT_REPLY)
                .bind("userUuid", userUuid)
                .bind("message", message)
                .bind("parentUuid", parentUuid)
                .map(ACTIVITY)
                .one();
    }

    /** Adds one to a visible activity's replies_count; 0 when there is no such activity. */
    private static int incrementRepliesCount(Handle handle, UUID uuid) {
        return handle.createUpdate(INCREMENT_REPLIES_COUNT).bind("uuid", uuid).execute();
    }

    private static String sql(String name) {
        return ClasspathSqlLocator.removingComments().locate(ActivityRepository.class, name);
    }
}
