package com.cruddur.user;

import com.cruddur.kernel.GraphQlModule;
import graphql.schema.idl.RuntimeWiring;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;

/** The user module's part of the schema: the {@code User} type, and batched lookups for other modules. */
final class UserGraphQl implements GraphQlModule {

    static final String USERS_BY_UUID = "users.byUuid";

    private final UserRepository repository;

    UserGraphQl(UserRepository repository) {
        this.repository = repository;
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
        registry.register(USERS_BY_UUID, DataLoaderFactory.newMappedDataLoader((java.util.Set<UUID> uuids) -> {
            Map<UUID, User> byUuid = repository.findByUuids(List.copyOf(uuids)).stream()
                    .collect(Collectors.toMap(User::uuid, Function.identity()));
            return CompletableFuture.completedFuture(byUuid);
        }));
    }
}
