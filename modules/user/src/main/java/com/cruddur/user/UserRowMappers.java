package com.cruddur.user;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapperFactory;
import org.jdbi.v3.core.spi.JdbiPlugin;

/** Registers the {@link User} row mappers on a Jdbi: {@code mapTo(User.class)}, and with the author prefix. */
final class UserRowMappers implements JdbiPlugin {

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        UserRowMapper author = new UserRowMapper(Users.AUTHOR_COLUMNS);
        jdbi.registerRowMapper((RowMapperFactory) (type, config) -> type == User.class ? Optional.of(author) : Optional.empty());
        // Registered last, so asked first: the mapper for plain lookups of User.class.
        jdbi.registerRowMapper(User.class, new UserRowMapper(""));
    }
}
