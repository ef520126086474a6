package com.cruddur.feed;

import com.cruddur.activity.Activity;
import com.cruddur.activity.ActivityRowMapper;
import com.cruddur.user.User;
import com.cruddur.user.UserRowMapper;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.mapper.RowMapper;

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

    private static final RowMapper<Activity> ACTIVITY = new ActivityRowMapper();
    private static final RowMapper<User> AUTHOR = new UserRowMapper("author_");
    private static final RowMapper<FeedItem> FEED_ITEM =
            (row, context) -> new FeedItem(ACTIVITY.map(row, context), AUTHOR.map(row, context));

    private final Jdbi jdbi;

    FeedRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    List<FeedItem> homeFeedFirstPage(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(HOME_FEED_FIRST_PAGE)
                .bind("limit", limit)
                .map(FEED_ITEM)
                .list());
    }

    List<FeedItem> homeFeedAfter(OffsetDateTime afterCreatedAt, UUID afterUuid, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(HOME_FEED_AFTER)
                .bind("afterCreatedAt", afterCreatedAt)
                .bind("afterUuid", afterUuid)
                .bind("limit", limit)
                .map(FEED_ITEM)
                .list());
    }

    List<Activity> userActivitiesFirstPage(Collection<UUID> userUuids, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(USER_ACTIVITIES_FIRST_PAGE)
                .bindArray("userUuids", UUID.class, userUuids)
                .bind("limit", limit)
                .map(ACTIVITY)
                .list());
    }

    List<Activity> userActivitiesAfter(Collection<UUID> userUuids, OffsetDateTime afterCreatedAt, UUID afterUuid, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(USER_ACTIVITIES_AFTER)
                .bindArray("userUuids", UUID.class, userUuids)
                .bind("afterCreatedAt", afterCreatedAt)
                .bind("afterUuid", afterUuid)
                .bind("limit", limit)
                .map(ACTIVITY)
                .list());
    }

    List<Activity> repliesFirstPage(Collection<UUID> parentUuids, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(REPLIES_FIRST_PAGE)
                .bindArray("parentUuids", UUID.class, parentUuids)
                .bind("limit", limit)
                .map(ACTIVITY)
                .list());
    }

    List<Activity> repliesAfter(Collection<UUID> parentUuids, OffsetDateTime afterCreatedAt, UUID afterUuid, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(REPLIES_AFTER)
                .bindArray("parentUuids", UUID.class, parentUuids)
                .bind("afterCreatedAt", afterCreatedAt)
                .bind("afterUuid", afterUuid)
                .bind("limit", limit)
                .map(ACTIVITY)
                .list());
    }

    private static String sql(String name) {
        return ClasspathSqlLocator.removingComments().locate(FeedRepository.class, name);
    }
}
