package com.cruddur.user;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The user module's SQL; each method runs the {@code .sql} file of the same name beside this class, read once
 * when the class loads.
 */
final class UserRepository {

    private static final String INSERT = sql("insert");
    private static final String CLAIM_PLACEHOLDER = sql("claimPlaceholder");
    private static final String IS_REGISTERED = sql("isRegistered");
    private static final String FIND_BY_UUIDS = sql("findByUuids");
    private static final String COGNITO_USER_ID_OF_HANDLE = sql("cognitoUserIdOfHandle");
    private static final String COUNT_ACTIVITIES_BY_USER_UUIDS = sql("countActivitiesByUserUuids");
    private static final String FIND_BY_HANDLE = sql("findByHandle");
    private static final String FIND_BY_COGNITO_USER_ID = sql("findByCognitoUserId");
    private static final String UPDATE_PROFILE = sql("updateProfile");
    private static final String LIST_ACCOUNTS = sql("listAccounts");
    private static final String FIND_ACCOUNT_BY_HANDLE = sql("findAccountByHandle");
    private static final String FIND_ACCOUNT_BY_COGNITO_USER_ID = sql("findAccountByCognitoUserId");

    private static final RowMapper<User> USER = new UserRowMapper("");
    private static final RowMapper<Account> ACCOUNT = (row, context) -> new Account(row.getString("cognito_user_id"),
            row.getString("handle"), row.getString("display_name"), row.getString("email"));

    private final Jdbi jdbi;

    UserRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    int insert(SignUp signUp) {
        return jdbi.withHandle(handle -> handle.createUpdate(INSERT).bindMethods(signUp).execute());
    }

    /** The placeholder's uuid once claimed (the claim notified {@link Users#CHANGED_CHANNEL}); empty when none was. */
    Optional<UUID> claimPlaceholder(SignUp signUp) {
        return jdbi.withHandle(handle -> handle.createQuery(CLAIM_PLACEHOLDER)
                .bindMethods(signUp)
                .map((row, context) -> row.getObject("uuid", UUID.class))
                .findOne());
    }

    boolean isRegistered(String cognitoUserId) {
        return jdbi.withHandle(handle -> handle.createQuery(IS_REGISTERED)
                .bind("cognitoUserId", cognitoUserId)
                .mapTo(boolean.class)
                .one());
    }

    List<User> findByUuids(Collection<UUID> uuids) {
        return jdbi.withHandle(handle -> handle.createQuery(FIND_BY_UUIDS)
                .bindArray("uuids", UUID.class, uuids)
                .map(USER)
                .list());
    }

    Optional<String> cognitoUserIdOfHandle(String userHandle) {
        return jdbi.withHandle(handle -> handle.createQuery(COGNITO_USER_ID_OF_HANDLE)
                .bind("handle", userHandle)
                .mapTo(String.class)
                .findOne());
    }

    /** Activities per user, replies and expired ones included; users without any are absent. */
    Map<UUID, Integer> countActivitiesByUserUuids(Collection<UUID> uuids) {
        return jdbi.withHandle(handle -> handle.createQuery(COUNT_ACTIVITIES_BY_USER_UUIDS)
                .bindArray("uuids", UUID.class, uuids)
                .map((row, context) -> Map.entry(row.getObject("user_uuid", UUID.class), row.getInt("cruds_count")))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    Optional<User> findByHandle(String userHandle) {
        return jdbi.withHandle(handle -> handle.createQuery(FIND_BY_HANDLE)
                .bind("handle", userHandle)
                .map(USER)
                .findOne());
    }

    Optional<User> findByCognitoUserId(String cognitoUserId) {
        return jdbi.withHandle(handle -> handle.createQuery(FIND_BY_COGNITO_USER_ID)
                .bind("cognitoUserId", cognitoUserId)
                .map(USER)
                .findOne());
    }

    /** The user as updated (the update notified {@link Users#CHANGED_CHANNEL}); empty when there is none. */
    Optional<User> updateProfile(String cognitoUserId, String displayName, String bio) {
        return jdbi.withHandle(handle -> handle.createQuery(UPDATE_PROFILE)
                .bind("cognitoUserId", cognitoUserId)
                .bind("displayName", displayName)
                .bind("bio", bio)
                .map(USER)
                .findOne());
    }

    List<Account> listAccounts(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(LIST_ACCOUNTS).bind("limit", limit).map(ACCOUNT).list());
    }

    Optional<Account> findAccountByHandle(String userHandle) {
        return jdbi.withHandle(handle -> handle.createQuery(FIND_ACCOUNT_BY_HANDLE)
                .bind("handle", userHandle)
                .map(ACCOUNT)
                .findOne());
    }

    Optional<Account> findAccountByCognitoUserId(String cognitoUserId) {
        return jdbi.withHandle(handle -> handle.createQuery(FIND_ACCOUNT_BY_COGNITO_USER_ID)
                .bind("cognitoUserId", cognitoUserId)
                .map(ACCOUNT)
                .findOne());
    }

    private static String sql(String name) {
        return ClasspathSqlLocator.removingComments().locate(UserRepository.class, name);
    }
}
