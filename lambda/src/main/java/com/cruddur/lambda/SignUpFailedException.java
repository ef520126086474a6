package com.cruddur.lambda;

/**
 * The database could not record a sign-up. Its message is a short code ({@code database_unavailable},
 * {@code database_error}) because Cognito shows it to the person; the cause is in the handler's log line, and the
 * driver's exception is deliberately not attached (its text can quote the row, email included).
 */
public final class SignUpFailedException extends RuntimeException {

    SignUpFailedException(String code) {
        super(code);
    }
}
