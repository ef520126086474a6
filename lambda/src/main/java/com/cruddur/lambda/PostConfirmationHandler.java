package com.cruddur.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.cruddur.user.Registration;
import com.cruddur.user.SignUp;
import com.cruddur.user.SignUpRejectedException;
import com.cruddur.user.Users;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Cognito's post-confirmation trigger: a confirmed sign-up becomes exactly one users row. Cognito needs the event
 * back; when this throws, the person sees the exception's message (a short code) and stays confirmed, and a
 * retry or replay of the same event then succeeds. Other triggers (a password reset) are echoed untouched,
 * without a database connection, and so are refused events from a user pool or app client other than the
 * configured ones.
 */
public final class PostConfirmationHandler
        implements RequestHandler<CognitoUserPoolPostConfirmationEvent, CognitoUserPoolPostConfirmationEvent> {

    static final String CONFIRM_SIGN_UP = "PostConfirmation_ConfirmSignUp";

    private final SignUpSettings settings;
    private final Users users;

    /**
     * What the Lambda runtime creates, once per container: the database is {@code CONNECTION_URL}, and with
     * {@code DB_SECRET_ID} its user and password are that secret's, read through the Parameters and Secrets extension.
     */
    public PostConfirmationHandler() {
        this(SignUpSettings.fromEnvironment(System.getenv()), System.getenv());
    }

    /** A handler on this database, with no user pool or app client check and no placeholder claims. */
    public PostConfirmationHandler(String connectionUrl) {
        this(connectionUrl, System.getenv());
    }

    /**
     * @param environment where libpq's defaults ({@code PGUSER}, {@code PGPASSWORD}, ...) and {@code DB_SECRET_ID}
     *                    (with the extension's port and the session token) come from
     */
    PostConfirmationHandler(String connectionUrl, Map<String, String> environment) {
        this(SignUpSettings.forDatabase(connectionUrl, environment), environment);
    }

    PostConfirmationHandler(SignUpSettings settings) {
        this(settings, Map.of());
    }

    /** @param environment where {@code DB_SECRET_ID} (the secret holding the database credentials) comes from */
    PostConfirmationHandler(SignUpSettings settings, Map<String, String> environment) {
        this.settings = settings;
        this.users = new Users(Jdbi.create(new DatabaseConnection(settings.database(), ExtensionSecret.fromEnvironment(environment))));
    }

    @Override
    public CognitoUserPoolPostConfirmationEvent handleRequest(CognitoUserPoolPostConfirmationEvent event, Context context) {
        SignUpLog log = new SignUpLog(context);
        String refusal = settings.refusalOf(event);
        if (refusal != null) {
            log.rejected(refusal);
            throw new SignUpRejectedException(refusal);
        }
        if (!CONFIRM_SIGN_UP.equals(event.getTriggerSource())) {
            log.skipped(event.getTriggerSource());
            return event;
        }
        Map<String, String> attributes = event.getRequest() == null || event.getRequest().getUserAttributes() == null
                ? Map.of() : event.getRequest().getUserAttributes();
        SignUp signUp = new SignUp(attributes.get("sub"), attributes.get("email"),
                "true".equals(attributes.get("email_verified")), attributes.get("preferred_username"), attributes.get("name"));
        long started = System.nanoTime();
        try {
            Registration registration = users.register(signUp, settings.placeholderClaims());
            log.registered(registration, (System.nanoTime() - started) / 1_000_000);
            return event;
        } catch (SignUpRejectedException e) {
            log.rejected(e.code());
            throw e;
        } catch (JdbiException e) {
            throw log.databaseFailed(e);
        }
    }
}
