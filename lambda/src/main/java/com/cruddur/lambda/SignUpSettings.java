package com.cruddur.lambda;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.cruddur.database.DatabaseLocation;
import java.util.Map;

/**
 * The Lambda's settings, from its environment: the database ({@code CONNECTION_URL}); the user pool
 * ({@code AWS_COGNITO_USER_POOL_ID}) and app client ({@code AWS_COGNITO_USER_POOL_CLIENT_ID}) whose events it
 * accepts, when set; and whether a sign-up may claim a seeded placeholder ({@code CLAIM_SEEDED_PLACEHOLDERS}, off
 * unless {@code true}, and refused with {@code CRUDDUR_ENV=production}).
 */
record SignUpSettings(DatabaseLocation database, String userPoolId, String clientId, boolean placeholderClaims) {

    static SignUpSettings fromEnvironment(Map<String, String> env) {
        DatabaseLocation database;
        try {
            database = DatabaseLocation.parse(env.get("CONNECTION_URL"), env);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("CONNECTION_URL: " + e.getMessage());
        }
        String claims = blankToNull(env.get("CLAIM_SEEDED_PLACEHOLDERS"));
        if (claims != null && !claims.equals("true") && !claims.equals("false")) {
            throw new IllegalStateException("CLAIM_SEEDED_PLACEHOLDERS must be true or false");
        }
        boolean placeholderClaims = "true".equals(claims);
        if (placeholderClaims && "production".equals(env.get("CRUDDUR_ENV"))) {
            throw new IllegalStateException("CLAIM_SEEDED_PLACEHOLDERS=true cannot be used with CRUDDUR_ENV=production: "
                    + "seeded placeholders are development data");
        }
        return new SignUpSettings(database, blankToNull(env.get("AWS_COGNITO_USER_POOL_ID")),
                blankToNull(env.get("AWS_COGNITO_USER_POOL_CLIENT_ID")), placeholderClaims);
    }

    /** Settings for this database only: no user pool or app client check, no placeholder claims. */
    static SignUpSettings forDatabase(String connectionUrl, Map<String, String> env) {
        try {
            return new SignUpSettings(DatabaseLocation.parse(connectionUrl, env), null, null, false);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("CONNECTION_URL: " + e.getMessage());
        }
    }

    /** The code an event is refused with before anything else, or null: it comes from another pool or app client. */
    String refusalOf(CognitoUserPoolPostConfirmationEvent event) {
        if (userPoolId != null && !userPoolId.equals(event.getUserPoolId())) {
            return "user_pool_not_accepted";
        }
        String eventClientId = event.getCallerContext() == null ? null : event.getCallerContext().getClientId();
        if (clientId != null && !clientId.equals(eventClientId)) {
            return "app_client_not_accepted";
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
