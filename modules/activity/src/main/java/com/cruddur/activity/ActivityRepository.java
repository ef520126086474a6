package com.cruddur.activity;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** The activity module's SQL; each method runs the {@code .sql} file of the same name beside this interface. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(Activity.class)
interface ActivityRepository {

    /** The activities with these uuids that have not expired. */
    @SqlQuery
    List<Activity> findVisibleByUuids(@BindList("uuids") Collection<UUID> uuids);

    @SqlQuery
    Activity insertActivity(@Bind("userUuid") UUID userUuid, @Bind("message") String message,
                            @Bind("ttlSeconds") long ttlSeconds);

    @SqlQuery
    Activity insertReply(@Bind("userUuid") UUID userUuid, @Bind("message") String message,
                         @Bind("parentUuid") UUID parentUuid);

    /** Adds one to a visible activity's replies_count; 0 when there is no such activity. */
    @SqlUpdate
    int incrementRepliesCount(@Bind("uuid") UUID uuid);

    /**
     * The reply and its parent's new count, together or not at all. The parent's row lock serialises concurrent
     * replies, so N replies add exactly N. Empty (and nothing written) when the parent is gone or expired.
     */
    @Transaction
    default Optional<Activity> insertReplyAndCountIt(UUID userUuid, String message, UUID parentUuid) {
        if (incrementRepliesCount(parentUuid) == 0) {
            return Optional.empty();
        }
        return Optional.of(insertReply(userUuid, message, parentUuid));
    }
}
