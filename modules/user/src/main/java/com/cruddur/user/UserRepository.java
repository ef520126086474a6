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
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The user module's SQL; each method runs the {@code .sql} file of the same name beside this interface. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(User.class)
interface UserRepository {

    @SqlUpdate
    int insert(@BindMethods SignUp signUp);

    @SqlUpdate
    int claimPlaceholder(@BindMethods SignUp signUp);

    @SqlQuery
    boolean isRegistered(String cognitoUserId);

    @SqlQuery
    List<User> findByUuids(@BindList("uuids") Collection<UUID> uuids);

    @SqlQuery
    Optional<String> cognitoUserIdOfHandle(String handle);

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
