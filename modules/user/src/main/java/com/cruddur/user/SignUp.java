package com.cruddur.user;

import com.cruddur.kernel.Text;

/**
 * A confirmed sign-up, as the identity provider reports it: untrusted input, checked by
 * {@link Users#register}. A missing or blank {@code displayName} (the person gave no name) becomes null: a new
 * user is then shown by their handle, and a claimed placeholder keeps the name it had.
 */
public record SignUp(String cognitoUserId, String email, String handle, String displayName) {

    public SignUp {
        displayName = Text.isBlank(displayName) ? null : displayName;
    }
}
