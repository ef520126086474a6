package com.cruddur.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.cruddur.database.DatabaseLocation;
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
 * without a database connection.
 */
public final class PostConfirmationHandler
        implements RequestHandler<CognitoUserPoolPostConfirmationEvent, CognitoUserPoolPostConfirmationEvent> {

    static final String CONFIRM_SIGN_UP = "PostConfirmation_ConfirmSignUp";

    private final Users users;

    /**
     * What the Lambda runtime creates, once per container: the database is {@code CONNECTION_URL}, and with
     * {@code DB_SECRET_ID} its user and password are that secret's, read through the Parameters and Secrets extension.
     */
    public PostConfirmationHandler() {
        this(System.getenv("CONNECTION_URL"));
    }

    /** @param connectionUrl {@code postgresql://user:password@host:5432/cruddur?sslmode=verify-full&sslrootcert=...} */
    public PostConfirmationHandler(String connectionUrl) {
        this(connectionUrl, System.getenv());
    }

    /**
     * @param environment where libpq's defaults ({@code PGUSER}, {@code PGPASSWORD}, ...) and {@code DB_SECRET_ID}
     *                    (with the extension's port and the session token) come from
     */
    PostConfirmationHandler(String connectionUrl, Map<String, String> environment) {
        DatabaseLocation location;
        try {
            location = DatabaseLocation.parse(connectionUrl, environment);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("CONNECTION_URL: " + e.getMessage());
        }
        this.users = new Users(Jdbi.create(new DatabaseConnection(location, ExtensionSecret.fromEnvironment(environment))));
    }

    @Override
    public CognitoUserPoolPostConfirmationEvent handleRequest(CognitoUserPoolPostConfirmationEvent event, Context context) {
        SignUpLog log = new SignUpLog(context);
        if (!CONFIRM_SIGN_UP.equals(event.getTriggerSource())) {
            log.skipped(event.getTriggerSource());
            return event;
        }
        Map<String, String> attributes = event.getRequest() == null || event.getRequest().getUserAttributes() == null
                ? Map.of() : event.getRequest().getUserAttributes();
        SignUp signUp = new SignUp(attributes.get("sub"), attributes.get("email"), attributes.get("preferred_username"),
                attributes.get("name"));
        long started = System.nanoTime();
        try {
            Registration registration = users.register(signUp);
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
