package com.cruddur.activity;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.spi.JdbiPlugin;

/** Registers the {@link Activity} row mapper on a Jdbi: {@code mapTo(Activity.class)}. */
final class ActivityRowMappers implements JdbiPlugin {

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.registerRowMapper(Activity.class, new ActivityRowMapper());
    }
}
