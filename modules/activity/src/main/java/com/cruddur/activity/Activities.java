package com.cruddur.activity;

import com.cruddur.kernel.Text;
import com.cruddur.kernel.UserError;
import com.cruddur.user.User;
import com.cruddur.user.Users;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.spi.JdbiPlugin;

/**
 * The activity module's public facade: finding activities, posting cruds and replies. The author of a write
 * is always the signed-in user (by Cognito id), never client input; every failing rule is reported at once,
 * and a refused write writes nothing.
 */
public final class Activities {

    public static final int MESSAGE_MAX = 280;
    public static final int REPLY_MESSAGE_MAX = 1024;

    private final ActivityRepository repository;
    private final Users users;
    private final Consumer<Activity> written;

    public Activities(Jdbi jdbi, Users users) {
        this(jdbi, users, activity -> { });
    }

    /**
     * {@code written} is told of each crud and reply this instance writes, once committed and before the call that
     * wrote it returns (so that a cache of this instance can forget what it changed in time). Every instance hears
     * of it too, by {@link NewActivities#CHANNEL}.
     */
    public Activities(Jdbi jdbi, Users users, Consumer<Activity> written) {
        this.repository = new ActivityRepository(jdbi);
        this.users = users;
        this.written = written;
    }

    /** The plugin that lets any module's statements map rows to {@link Activity} ({@code mapTo(Activity.class)}). */
    public static JdbiPlugin rowMappers() {
        return new ActivityRowMappers();
    }

    /** The activities with these uuids, leaving out those that do not exist or have expired. */
    public List<Activity> findVisibleByUuids(Collection<UUID> uuids) {
        return uuids.isEmpty() ? List.of() : repository.findVisibleByUuids(uuids);
    }

    /** A crud by the user with this Cognito id, expiring {@code ttl} from now. */
    public ActivityWrite create(String cognitoUserId, String message, Ttl ttl) {
        List<UserError> errors = new ArrayList<>();
        checkMessage(message, MESSAGE_MAX, "message_exceed_max_chars", errors);
        if (ttl == null) {
            errors.add(new UserError("ttl", "ttl_blank", "choose how long the crud stays up"));
        }
        Optional<User> author = findAuthor(cognitoUserId, errors);
        if (!errors.isEmpty()) {
            return ActivityWrite.refused(errors);
        }
        Activity created = repository.insertActivity(author.orElseThrow().uuid(), message, ttl.duration().toSeconds());
        written.accept(created);
        return ActivityWrite.done(created);
    }

    /** A reply (which never expires) to a visible activity, counted on the parent in the same transaction. */
    public ActivityWrite reply(String cognitoUserId, UUID parentUuid, String message) {
        List<UserError> errors = new ArrayList<>();
        checkMessage(message, REPLY_MESSAGE_MAX, "message_exceed_max_chars_1024", errors);
        if (parentUuid == null) {
            errors.add(new UserError("activityUuid", "activity_uuid_blank", "say which activity this replies to"));
        } else if (findVisibleByUuids(List.of(parentUuid)).isEmpty()) {
            errors.add(activityNotFound());
        }
        Optional<User> author = findAuthor(cognitoUserId, errors);
        if (!errors.isEmpty()) {
            return ActivityWrite.refused(errors);
        }
        Optional<Activity> reply = repository.insertReplyAndCountIt(author.orElseThrow().uuid(), message, parentUuid);
        reply.ifPresent(written);
        return reply.map(ActivityWrite::done)
                .orElseGet(() -> ActivityWrite.refused(List.of(activityNotFound())));
    }

    private static void checkMessage(String message, int max, String tooLongCode, List<UserError> errors) {
        if (Text.isBlank(message)) {
            errors.add(new UserError("message", "message_blank", "the message must not be blank"));
        } else if (Text.hasUnstorableCharacters(message)) {
            errors.add(new UserError("message", "message_invalid_characters",
                    "the message holds a character that cannot be stored (U+0000 or half of a surrogate pair)"));
        } else if (Text.length(message) > max) {
            errors.add(new UserError("message", tooLongCode,
                    "the message must be at most " + max + " characters, it has " + Text.length(message)));
        }
    }

    private Optional<User> findAuthor(String cognitoUserId, List<UserError> errors) {
        Optional<User> author = users.findByCognitoUserId(cognitoUserId);
        if (author.isEmpty()) {
            errors.add(UserError.userNotFound());
        }
        return author;
    }

    private static UserError activityNotFound() {
        return new UserError("activityUuid", "activity_not_found", "there is no activity with this uuid (or it has expired)");
    }
}
