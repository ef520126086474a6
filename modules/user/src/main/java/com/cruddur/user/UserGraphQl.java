package com.cruddur.user;

import com.cruddur.kernel.GraphQlModule;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;

/** The user module's part of the schema: the {@code User} type, and batched user lookups for other modules. */
public final class UserGraphQl implements GraphQlModule {

    private static final String USERS_BY_UUID = "users.byUuid";

    private final Users users;

    public UserGraphQl(Users users) {
        this.users = users;
    }

    /** The user with this uuid, batched with every other lookup of the same request. */
    public static CompletableFuture<User> load(DataFetchingEnvironment environment, UUID uuid) {
        return environment.<UUID, User>getDataLoader(USERS_BY_UUID).load(uuid);
    }

    @Override
    public String schemaResource() {
        return "com/cruddur/user/user.graphqls";
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        // User's fields are the record's components; graphql-java's default fetcher reads them.
    }

    @Override
    public void registerDataLoaders(DataLoaderRegistry registry) {
        registry.register(USERS_BY_UUID, DataLoaderFactory.newMappedDataLoader((Set<UUID> uuids) -> {
            Map<UUID, User> byUuid = users.findByUuids(List.copyOf(uuids)).stream()
                    .collect(Collectors.toMap(User::uuid, Function.identity()));
            return CompletableFuture.completedFuture(byUuid);
        }));
    }
}
