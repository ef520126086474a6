package com.cruddur.user;

import com.cruddur.graphql.GraphQlModule;
import com.cruddur.graphql.GraphQlViewer;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;

/**
 * The user module's part of the schema: the {@code User} type, {@code user}, {@code me}, {@code updateProfile},
 * and batched user lookups for other modules.
 */
public final class UserGraphQl implements GraphQlModule {

    private static final String USERS_BY_UUID = "users.byUuid";
    private static final String CRUDS_COUNTS = "users.crudsCount";

    private final Users users;

    public UserGraphQl(Users users) {
        this.users = users;
    }

    /**
     * The user with this uuid: a {@link User} when a field above this one already read it (see {@link #withUsers}),
     * otherwise a {@code CompletableFuture<User>} batched with every other lookup of the same request.
     */
    public static Object load(DataFetchingEnvironment environment, UUID uuid) {
        if (environment.getLocalContext() instanceof UsersAlreadyRead users) {
            User user = users.byUuid().get(uuid);
            if (user != null) {
                return user;
            }
        }
        return environment.<UUID, User>getDataLoader(USERS_BY_UUID).load(uuid);
    }

    /**
     * A field's value along with users that its fetcher has already read (with their activities, say), for
     * {@link #load} in the fields below it: no DataLoader round, no future per lookup.
     */
    public static <T> DataFetcherResult<T> withUsers(T value, Collection<User> users) {
        Map<UUID, User> byUuid = new HashMap<>();
        users.forEach(user -> byUuid.put(user.uuid(), user));
        return DataFetcherResult.<T>newResult().data(value).localContext(new UsersAlreadyRead(byUuid)).build();
    }

    private record UsersAlreadyRead(Map<UUID, User> byUuid) {
    }

    @Override
    public String schemaResource() {
        return "com/cruddur/user/user.graphqls";
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        // User's other fields are the record's components, which the default data fetcher reads.
        wiring.type("User", type -> type.dataFetcher("crudsCount", environment -> environment
                .<UUID, Integer>getDataLoader(CRUDS_COUNTS).load(environment.<User>getSource().uuid())));
        wiring.type("Query", type -> type
                .dataFetcher("user", environment -> users.findByHandle(environment.getArgument("handle")).orElse(null))
                .dataFetcher("me", environment -> GraphQlViewer.of(environment).cognitoUserId()
                        .flatMap(users::findByCognitoUserId).orElse(null)));
        wiring.type("Mutation", type -> type.dataFetcher("updateProfile", environment -> {
            String cognitoUserId = GraphQlViewer.of(environment).requireCognitoUserId();
            Map<String, Object> input = environment.getArgument("input");
            return users.updateProfile(cognitoUserId, (String) input.get("displayName"), (String) input.get("bio"));
        }));
    }

    /** Users by uuid, and activity counts per user, each batched into one statement per request. */
    @Override
    public void registerDataLoaders(DataLoaderRegistry registry) {
        registry.register(USERS_BY_UUID, DataLoaderFactory.newMappedDataLoader((Set<UUID> uuids) -> {
            Map<UUID, User> byUuid = new HashMap<>();
            users.findByUuids(uuids).forEach(user -> byUuid.put(user.uuid(), user));
            return CompletableFuture.completedFuture(byUuid);
        }));
        registry.register(CRUDS_COUNTS, DataLoaderFactory.newMappedDataLoader(
                (Set<UUID> uuids) -> CompletableFuture.completedFuture(users.crudsCounts(uuids))));
    }
}
