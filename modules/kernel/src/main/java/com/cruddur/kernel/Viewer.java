package com.cruddur.kernel;

import java.util.Optional;

/**
 * Who is asking: the identity of the request's verified access token, or nobody. Identity is the
 * token's {@code sub}, which is the user's {@code cognito_user_id}; it never comes from client input.
 */
public final class Viewer {

    private static final Viewer ANONYMOUS = new Viewer(null, false);
    private static final Viewer UNVERIFIABLE = new Viewer(null, true);

    private final String cognitoUserId;
    private final boolean verificationUnavailable;

    private Viewer(String cognitoUserId, boolean verificationUnavailable) {
        this.cognitoUserId = cognitoUserId;
        this.verificationUnavailable = verificationUnavailable;
    }

    public static Viewer anonymous() {
        return ANONYMOUS;
    }

    public static Viewer signedIn(String cognitoUserId) {
        if (cognitoUserId == null || cognitoUserId.isBlank()) {
            throw new IllegalArgumentException("a signed-in viewer needs a cognito user id");
        }
        return new Viewer(cognitoUserId, false);
    }

    /** A token was presented but could not be checked because the key source is unreachable. */
    public static Viewer unverifiable() {
        return UNVERIFIABLE;
    }

    public Optional<String> cognitoUserId() {
        return Optional.ofNullable(cognitoUserId);
    }

    /** The signed-in user's cognito id, or the error a write without one must fail with. */
    public String requireCognitoUserId() {
        if (cognitoUserId != null) {
            return cognitoUserId;
        }
        if (verificationUnavailable) {
            throw new ServiceUnavailableException("the access token cannot be verified right now");
        }
        throw new UnauthenticatedException();
    }

    @Override
    public String toString() {
        return cognitoUserId != null ? "Viewer[signed in]" : verificationUnavailable ? "Viewer[unverifiable]" : "Viewer[anonymous]";
    }
}
