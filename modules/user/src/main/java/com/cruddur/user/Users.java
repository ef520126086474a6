package com.cruddur.user;

import com.cruddur.kernel.GraphQlModule;
import graphql.schema.DataFetchingEnvironment;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;

/** The user module's public facade: what other modules, the app and the Lambda may use. */
public final class Users {

    private final UserGraphQl graphQl;

    public Users(Jdbi jdbi) {
        this.graphQl = new UserGraphQl(jdbi.onDemand(UserRepository.class));
    }

    public GraphQlModule graphQlModule() {
        return graphQl;
    }

    /** The user with this uuid, batched with every other lookup of the same request. */
    public CompletableFuture<User> load(DataFetchingEnvironment environment, UUID uuid) {
        return environment.<UUID, User>getDataLoader(UserGraphQl.USERS_BY_UUID).load(uuid);
    }
}
