package com.cruddur.user;

import com.cruddur.kernel.Text;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** How a confirmed sign-up becomes exactly one users row, whatever the retries: {@link Users#register}. */
final class SignUps {

    private static final String UNIQUE_VIOLATION = "23505";

    private SignUps() {
    }

    /** {@code changed} hears of a claimed placeholder, once committed (a claim can change its display name). */
    static Registration register(UserRepository repository, SignUp signUp, boolean placeholderClaims, Consumer<UUID> changed) {
        check(signUp);
        if (placeholderClaims && signUp.emailVerified()) {
            Optional<UUID> claimed = repository.claimPlaceholder(signUp);
            if (claimed.isPresent()) {
                changed.accept(claimed.get());
                return Registration.CLAIMED_PLACEHOLDER;
            }
        }
        try {
            return repository.insert(signUp) == 1 ? Registration.CREATED : Registration.ALREADY_REGISTERED;
        } catch (UnableToExecuteStatementException e) {
            // The handle's unique index: another user has it, or a concurrent retry of this sign-up just took it.
            if (!isUniqueViolation(e)) {
                throw e;
            }
        }
        if (repository.isRegistered(signUp.cognitoUserId())) {
            return Registration.ALREADY_REGISTERED;
        }
        throw new SignUpRejectedException("handle_taken");
    }

    private static void check(SignUp signUp) {
        if (Text.isBlank(signUp.cognitoUserId())) {
            throw new SignUpRejectedException("cognito_user_id_blank");
        }
        if (Text.length(signUp.cognitoUserId()) > UserRules.COGNITO_USER_ID_MAX) {
            throw new SignUpRejectedException("cognito_user_id_exceed_max_chars");
        }
        if (Text.hasUnstorableCharacters(signUp.cognitoUserId())) {
            throw new SignUpRejectedException("cognito_user_id_invalid_characters");
        }
        if (Text.isBlank(signUp.email())) {
            throw new SignUpRejectedException("email_blank");
        }
        if (Text.length(signUp.email()) > UserRules.EMAIL_MAX) {
            throw new SignUpRejectedException("email_exceed_max_chars");
        }
        if (Text.hasUnstorableCharacters(signUp.email())) {
            throw new SignUpRejectedException("email_invalid_characters");
        }
        if (!hasAtSignInside(signUp.email())) {
            throw new SignUpRejectedException("email_invalid");
        }
        if (Text.isBlank(signUp.handle())) {
            throw new SignUpRejectedException("handle_blank");
        }
        if (!UserRules.HANDLE.matcher(signUp.handle()).matches()) {
            throw new SignUpRejectedException("handle_invalid");
        }
        if (Text.hasUnstorableCharacters(signUp.displayName())) {
            throw new SignUpRejectedException("display_name_invalid_characters");
        }
        if (signUp.displayName() != null && Text.length(signUp.displayName()) > UserRules.DISPLAY_NAME_MAX) {
            throw new SignUpRejectedException("display_name_exceed_max_chars");
        }
    }

    /** The schema's shape check: something, an @, something. */
    private static boolean hasAtSignInside(String email) {
        return email.length() >= 3 && email.substring(1, email.length() - 1).contains("@");
    }

    private static boolean isUniqueViolation(UnableToExecuteStatementException e) {
        return e.getCause() instanceof SQLException cause && UNIQUE_VIOLATION.equals(cause.getSQLState());
    }
}
