package com.cruddur.user;

import com.cruddur.kernel.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.jdbi.v3.core.mapper.PrefixedRowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A {@link User} from a row's {@code uuid, handle, display_name, bio, created_at} columns, each named with a
 * prefix: {@code ""} for the user module's own statements, {@link Users#AUTHOR_COLUMNS} where the row is an
 * activity's and its author's.
 */
final class UserRowMapper implements PrefixedRowMapper<User> {

    private final String prefix;
    private final String uuid;
    private final String handle;
    private final String displayName;
    private final String bio;
    private final String createdAt;

    UserRowMapper(String prefix) {
        this.prefix = prefix;
        this.uuid = prefix + "uuid";
        this.handle = prefix + "handle";
        this.displayName = prefix + "display_name";
        this.bio = prefix + "bio";
        this.createdAt = prefix + "created_at";
    }

    @Override
    public String getPrefix() {
        return prefix;
    }

    @Override
    public User map(ResultSet row, StatementContext context) throws SQLException {
        return new User(row.getObject(uuid, UUID.class), row.getString(handle), row.getString(displayName),
                row.getString(bio), Columns.instant(row, createdAt));
    }
}
