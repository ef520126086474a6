package com.cruddur.database;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the forward-only migrations in {@code sql/migrations} (packaged as {@code db/migrations}) with
 * Flyway, which records each in its history table: applying them again is a no-op, and nothing is dropped.
 */
public final class Migrations {

    private Migrations() {
    }

    public static MigrateResult apply(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migrations")
                .cleanDisabled(true)
                .load()
                .migrate();
    }
}
