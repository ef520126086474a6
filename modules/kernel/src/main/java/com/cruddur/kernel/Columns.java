package com.cruddur.kernel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Column reads the modules' row mappers share. */
public final class Columns {

    private Columns() {
    }

    /** A {@code timestamptz} column as an instant; null for SQL NULL. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
