package com.cruddur.user;

/**
 * A sign-up that cannot become a user: an invalid field, or a handle another user already has. The message is
 * only the error code ({@code handle_taken}, {@code email_blank}, ...): it is shown to the person and logged,
 * so it never contains what they typed.
 */
public final class SignUpRejectedException extends RuntimeException {

    public SignUpRejectedException(String code) {
        super(code, null, false, false);
    }

    public String code() {
        return getMessage();
    }
}
