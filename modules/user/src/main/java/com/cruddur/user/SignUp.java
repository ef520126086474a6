package com.cruddur.user;

import com.cruddur.kernel.Text;

/**
 * A confirmed sign-up, as the identity provider reports it: untrusted input, checked by
 * {@link Users#register}. A missing or blank {@code displayName} (the person gave no name) becomes null: a new
 * user is then shown by their handle, and a claimed placeholder keeps the name it had. {@code emailVerified} is
 * whether the provider has verified that the person receives mail at {@code email}.
 */
public record SignUp(String cognitoUserId, String email, boolean emailVerified, String handle, String displayName) {

    public SignUp {
        displayName = Text.isBlank(displayName) ? null : displayName;
    }
}
