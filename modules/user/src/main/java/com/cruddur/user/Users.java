package com.cruddur.user;

import com.cruddur.kernel.Text;
import com.cruddur.kernel.UserError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.spi.JdbiPlugin;

/**
 * The user module's public facade: what other modules, the app and the Lambda may use. It has no GraphQL
 * types in it, so the Lambda can use it without graphql-java; the GraphQL side is {@link UserGraphQl}.
 */
public final class Users {

    private static final String UNSTORABLE = "holds a character that cannot be stored (U+0000 or half of a surrogate pair)";

    /**
     * The column prefix of a user read in the same row as something else (an activity with its author:
     * {@code author_uuid, author_handle, ...}); {@code RowMappers.findFor(User.class, AUTHOR_COLUMNS)} maps them.
     */
    public static final String AUTHOR_COLUMNS = "author_";

    /**
     * The PostgreSQL notification channel of changes to what the API shows of a user (display name, bio), notified
     * with the user's uuid by the statement that makes the change (updateProfile.sql, claimPlaceholder.sql), so
     * that every instance, whoever wrote, hears of it once it commits. A new user needs none: nothing shows them yet.
     */
    public static final String CHANGED_CHANNEL = "user_changed";

    private final UserRepository repository;
    private final Consumer<UUID> changed;

    public Users(Jdbi jdbi) {
        this(jdbi, uuid -> { });
    }

    /**
     * {@code changed} is told the uuid of each user whose shown fields this instance changed, once the change has
     * committed and before the call that made it returns (so that a cache of this instance can forget them in time).
     */
    public Users(Jdbi jdbi, Consumer<UUID> changed) {
        this.repository = new UserRepository(jdbi);
        this.changed = changed;
    }

    /** The plugin that lets any module's statements map rows to {@link User} ({@code mapTo(User.class)}). */
    public static JdbiPlugin rowMappers() {
        return new UserRowMappers();
    }

    /**
     * Makes a confirmed sign-up exactly one users row, however often it is replayed: creates it, claims the seeded
     * placeholder with the same handle, or finds it already there. A placeholder ({@code cognito_user_id}
     * {@code MOCK-...}) is claimed only when {@code placeholderClaims} is on (development) and the sign-up's verified
     * email is the placeholder's; otherwise its handle is taken like any other. Throws {@link SignUpRejectedException}
     * for an invalid field or a handle another user has ({@code handle_taken}); nothing is written then.
     */
    public Registration register(SignUp signUp, boolean placeholderClaims) {
        return SignUps.register(repository, signUp, placeholderClaims, changed);
    }

    public List<User> findByUuids(Collection<UUID> uuids) {
        return uuids.isEmpty() ? List.of() : repository.findByUuids(uuids);
    }

    /** The {@code cognito_user_id} of the user with this handle (any case), which their access tokens carry as {@code sub}. */
    public Optional<String> cognitoUserIdOfHandle(String handle) {
        return repository.cognitoUserIdOfHandle(handle);
    }

    /** How many activities each of these users has posted (replies included); 0 for a user with none. */
    public Map<UUID, Integer> crudsCounts(Collection<UUID> uuids) {
        Map<UUID, Integer> counts = new HashMap<>();
        uuids.forEach(uuid -> counts.put(uuid, 0));
        if (!uuids.isEmpty()) {
            counts.putAll(repository.countActivitiesByUserUuids(uuids));
        }
        return counts;
    }

    /** The user with this handle, whatever its case. */
    public Optional<User> findByHandle(String handle) {
        return UserRules.HANDLE.matcher(handle).matches() ? repository.findByHandle(handle) : Optional.empty();
    }

    /** Up to {@code limit} accounts, by handle: whom the development sign-in page offers to sign in as. */
    public List<Account> accounts(int limit) {
        return repository.listAccounts(limit);
    }

    /** The account with this handle, whatever its case. */
    public Optional<Account> accountByHandle(String handle) {
        return UserRules.HANDLE.matcher(handle).matches() ? repository.findAccountByHandle(handle) : Optional.empty();
    }

    public Optional<Account> accountByCognitoUserId(String cognitoUserId) {
        return repository.findAccountByCognitoUserId(cognitoUserId);
    }

    public Optional<User> findByCognitoUserId(String cognitoUserId) {
        return repository.findByCognitoUserId(cognitoUserId);
    }

    /**
     * Sets the display name and bio of the user this Cognito id belongs to, and no one else's. Surrounding
     * whitespace is dropped and a blank bio clears it. Every rule that fails is reported, and then nothing changes.
     */
    public ProfileUpdate updateProfile(String cognitoUserId, String displayName, String bio) {
        String name = displayName == null ? "" : displayName.strip();
        String cleanBio = Text.isBlank(bio) ? null : bio.strip();
        List<UserError> errors = new ArrayList<>();
        if (Text.isBlank(name)) {
            errors.add(new UserError("displayName", "display_name_blank", "the display name must not be blank"));
        } else if (Text.hasUnstorableCharacters(name)) {
            errors.add(new UserError("displayName", "display_name_invalid_characters", "the display name " + UNSTORABLE));
        } else if (Text.length(name) > UserRules.DISPLAY_NAME_MAX) {
            errors.add(new UserError("displayName", "display_name_exceed_max_chars",
                    "the display name must be at most " + UserRules.DISPLAY_NAME_MAX + " characters"));
        }
        if (Text.hasUnstorableCharacters(cleanBio)) {
            errors.add(new UserError("bio", "bio_invalid_characters", "the bio " + UNSTORABLE));
        } else if (cleanBio != null && Text.length(cleanBio) > UserRules.BIO_MAX) {
            errors.add(new UserError("bio", "bio_exceed_max_chars", "the bio must be at most " + UserRules.BIO_MAX + " characters"));
        }
        if (!errors.isEmpty()) {
            if (repository.findByCognitoUserId(cognitoUserId).isEmpty()) {
                errors.add(UserError.userNotFound());
            }
            return ProfileUpdate.refused(errors);
        }
        Optional<User> updated = repository.updateProfile(cognitoUserId, name, cleanBio);
        updated.ifPresent(user -> changed.accept(user.uuid()));
        return updated.map(ProfileUpdate::done)
                .orElseGet(() -> ProfileUpdate.refused(List.of(UserError.userNotFound())));
    }
}
