package com.cruddur.user;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The user module's public facade: what other modules, the app and the Lambda may use. It has no GraphQL
 * types in it, so the Lambda can use it without graphql-java; the GraphQL side is {@link UserGraphQl}.
 */
public final class Users {

    private final UserRepository repository;

    public Users(Jdbi jdbi) {
        this.repository = jdbi.onDemand(UserRepository.class);
    }

    /**
     * Makes a confirmed sign-up exactly one users row, however often it is replayed: creates it, claims the seeded
     * placeholder with the same handle, or finds it already there. Throws {@link SignUpRejectedException} for an
     * invalid field or a handle another user has ({@code handle_taken}); nothing is written then.
     */
    public Registration register(SignUp signUp) {
        return SignUps.register(repository, signUp);
    }

    public List<User> findByUuids(Collection<UUID> uuids) {
        return uuids.isEmpty() ? List.of() : repository.findByUuids(uuids);
    }

    /** The {@code cognito_user_id} of the user with this handle (any case), which their access tokens carry as {@code sub}. */
    public Optional<String> cognitoUserIdOfHandle(String handle) {
        return repository.cognitoUserIdOfHandle(handle);
    }
}
