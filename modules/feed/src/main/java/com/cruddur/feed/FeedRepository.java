package com.cruddur.feed;

import com.cruddur.activity.Activity;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The feed module's SQL; each method runs the {@code .sql} file of the same name beside this interface. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(Activity.class)
interface FeedRepository {

    @SqlQuery
    List<Activity> homeFeedFirstPage(@Bind("limit") int limit);

    @SqlQuery
    List<Activity> homeFeedAfter(@Bind("afterCreatedAt") OffsetDateTime afterCreatedAt,
                                 @Bind("afterUuid") UUID afterUuid,
                                 @Bind("limit") int limit);
}
