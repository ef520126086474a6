package com.cruddur.activity;

import com.cruddur.kernel.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * An {@link Activity} from a row's {@code uuid, user_uuid, message, replies_count, reposts_count, likes_count,
 * reply_to_activity_uuid, expires_at, created_at} columns: the activity module's statements and the feed's.
 */
final class ActivityRowMapper implements RowMapper<Activity> {

    @Override
    public Activity map(ResultSet row, StatementContext context) throws SQLException {
        return new Activity(
                row.getObject("uuid", UUID.class),
                row.getObject("user_uuid", UUID.class),
                row.getString("message"),
                row.getInt("replies_count"),
                row.getInt("reposts_count"),
                row.getInt("likes_count"),
                row.getObject("reply_to_activity_uuid", UUID.class),
                Columns.instant(row, "expires_at"),
                Columns.instant(row, "created_at"));
    }
}
