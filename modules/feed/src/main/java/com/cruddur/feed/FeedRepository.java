package com.cruddur.feed;

import com.cruddur.activity.Activity;
import com.cruddur.kernel.Columns;
import com.cruddur.user.User;
import com.cruddur.user.Users;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.RowMappers;

/**
 * The feed module's SQL; each method runs the {@code .sql} file of the same name beside this class, read once
 * when the class loads. The per-user and per-parent queries take many owners at once and return up to
 * {@code limit} rows for each.
 */
final class FeedRepository {

    private static final String HOME_FEED_FIRST_PAGE = sql("homeFeedFirstPage");
    private static final String HOME_FEED_AFTER = sql("homeFeedAfter");
    private static final String USER_ACTIVITIES_FIRST_PAGE = sql("userActivitiesFirstPage");
    private static final String USER_ACTIVITIES_AFTER = sql("userActivitiesAfter");
    private static final String REPLIES_FIRST_PAGE = sql("repliesFirstPage");
    private static final String REPLIES_AFTER = sql("repliesAfter");

    private final Jdbi jdbi;
    private final RowMapper<Activity> activity;
    private final RowMapper<FeedItem> feedItem;

    /** {@code jdbi} maps activities and users: the activity and user modules' row mappers are installed on it. */
    FeedRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        RowMappers mappers = jdbi.getConfig(RowMappers.class);
        this.activity = mappers.findFor(Activity.class)
                .orElseThrow(() -> new IllegalStateException("install Activities.rowMappers() on the Jdbi"));
        @SuppressWarnings("unchecked")
        RowMapper<User> author = (RowMapper<User>) mappers.findFor(User.class, Users.AUTHOR_COLUMNS)
                .orElseThrow(() -> new IllegalStateException("install Users.rowMappers() on the Jdbi"));
        this.feedItem = (row, context) -> new FeedItem(activity.map(row, context), author.map(row, context));
    }

    /** The newest {@code limit} rows, and the database's {@code now()} they were read at (null when there are none). */
    NewestRows homeFeedFirstPage(int limit) {
        return jdbi.withHandle(handle -> {
            Instant[] readAt = new Instant[1];
            List<FeedItem> rows = handle.createQuery(HOME_FEED_FIRST_PAGE)
                    .bind("limit", limit)
                    .map((row, context) -> {
                        if (readAt[0] == null) {
                            readAt[0] = Columns.instant(row, "read_at");
                        }
                        return feedItem.map(row, context);
                    })
                    .list();
            return new NewestRows(rows, readAt[0]);
        });
    }

    /** The home feed's first rows as one statement read them, and when (the database's clock). */
    record NewestRows(List<FeedItem> rows, Instant readAt) {
    }

    List<FeedItem> homeFeedAfter(OffsetDateTime afterCreatedAt, UUID afterUuid, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(HOME_FEED_AFTER)
                .bind("afterCreatedAt", afterCreatedAt)
                .bind("afterUuid", afterUuid)
                .bind("limit", limit)
                .map(feedItem)
                .list());
    }

    List<Activity> userActivitiesFirstPage(Collection<UUID> userUuids, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(USER_ACTIVITIES_FIRST_PAGE)
                .bindArray("userUuids", UUID.class, userUuids)
                .bind("limit", limit)
                .map(activity)
                .list());
    }

    List<Activity> userActivitiesAfter(Collection<UUID> userUuids, OffsetDateTime afterCreatedAt, UUID afterUuid, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(USER_ACTIVITIES_AFTER)
                .bindArray("userUuids", UUID.class, userUuids)
                .bind("afterCreatedAt", afterCreatedAt)
                .bind("afterUuid", afterUuid)
                .bind("limit", limit)
                .map(activity)
                .list());
    }

    List<Activity> repliesFirstPage(Collection<UUID> parentUuids, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(REPLIES_FIRST_PAGE)
                .bindArray("parentUuids", UUID.class, parentUuids)
                .bind("limit", limit)
                .map(activity)
                .list());
    }

    List<Activity> repliesAfter(Collection<UUID> parentUuids, OffsetDateTime afterCreatedAt, UUID afterUuid, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(REPLIES_AFTER)
                .bindArray("parentUuids", UUID.class, parentUuids)
                .bind("afterCreatedAt", afterCreatedAt)
                .bind("afterUuid", afterUuid)
                .bind("limit", limit)
                .map(activity)
                .list());
    }

    private static String sql(String name) {
        return ClasspathSqlLocator.removingComments().locate(FeedRepository.class, name);
    }
}
