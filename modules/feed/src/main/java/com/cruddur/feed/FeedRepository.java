package com.cruddur.feed;

import com.cruddur.activity.Activity;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The feed module's SQL; each method runs the {@code .sql} file of the same name beside this interface.
 * The per-user and per-parent queries take many owners at once and return up to {@code limit} rows for each.
 */
@UseClasspathSqlLocator
@RegisterConstructorMapper(Activity.class)
interface FeedRepository {

    @SqlQuery
    @RegisterConstructorMapper(FeedItem.class)
    List<FeedItem> homeFeedFirstPage(@Bind("limit") int limit);

    @SqlQuery
    @RegisterConstructorMapper(FeedItem.class)
    List<FeedItem> homeFeedAfter(@Bind("afterCreatedAt") OffsetDateTime afterCreatedAt,
                                 @Bind("afterUuid") UUID afterUuid,
                                 @Bind("limit") int limit);

    @SqlQuery
    List<Activity> userActivitiesFirstPage(@BindList("userUuids") Collection<UUID> userUuids, @Bind("limit") int limit);

    @SqlQuery
    List<Activity> userActivitiesAfter(@BindList("userUuids") Collection<UUID> userUuids,
                                       @Bind("afterCreatedAt") OffsetDateTime afterCreatedAt,
                                       @Bind("afterUuid") UUID afterUuid,
                                       @Bind("limit") int limit);

    @SqlQuery
    List<Activity> repliesFirstPage(@BindList("parentUuids") Collection<UUID> parentUuids, @Bind("limit") int limit);

    @SqlQuery
    List<Activity> repliesAfter(@BindList("parentUuids") Collection<UUID> parentUuids,
                                @Bind("afterCreatedAt") OffsetDateTime afterCreatedAt,
                                @Bind("afterUuid") UUID afterUuid,
                                @Bind("limit") int limit);
}
