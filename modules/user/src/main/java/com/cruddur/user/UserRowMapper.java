package com.cruddur.user;

import com.cruddur.kernel.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A {@link User} from a row's {@code uuid, handle, display_name, bio, created_at} columns, each named with a
 * prefix: {@code ""} for the user module's own statements, {@code "author_"} for the feed's.
 */
public final class UserRowMapper implements RowMapper<User> {

    private final String uuid;
    private final String handle;
    private final String displayName;
    private final String bio;
    private final String createdAt;

    public UserRowMapper(String prefix) {
        this.uuid = prefix + "uuid";
        this.handle = prefix + "handle";
        this.displayName = prefix + "display_name";
        this.bio = prefix + "bio";
        this.createdAt = prefix + "created_at";
    }

    @Override
    public User map(ResultSet row, StatementContext context) throws SQLException {
        return new User(row.getObject(uuid, UUID.class), row.getString(handle), row.getString(displayName),
                row.getString(bio), Columns.instant(row, createdAt));
    }
}
