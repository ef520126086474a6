package com.cruddur.user;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The user module's SQL; each method runs the {@code .sql} file of the same name beside this interface. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(User.class)
interface UserRepository {

    @SqlQuery
    List<User> findByUuids(@BindList("uuids") Collection<UUID> uuids);

    @SqlQuery
    Optional<String> cognitoUserIdOfHandle(String handle);
}
