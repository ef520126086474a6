package com.cruddur.user;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
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
    @RegisterConstructorMapper(UserWithCrudsCount.class)
    List<UserWithCrudsCount> findByUuidsWithCrudsCounts(@BindList("uuids") Collection<UUID> uuids);

    /** Activities per user, replies and expired ones included; users without any are absent. */
    @SqlQuery
    @KeyColumn("user_uuid")
    @ValueColumn("cruds_count")
    Map<UUID, Integer> countActivitiesByUserUuids(@BindList("uuids") Collection<UUID> uuids);

    @SqlQuery
    Optional<User> findByHandle(@Bind("handle") String handle);

    @SqlQuery
    Optional<User> findByCognitoUserId(@Bind("cognitoUserId") String cognitoUserId);

    @SqlQuery
    Optional<User> updateProfile(@Bind("cognitoUserId") String cognitoUserId,
                                 @Bind("displayName") String displayName,
                                 @Bind("bio") String bio);
}
