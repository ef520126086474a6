package com.cruddur.app.auth;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Cognito user pool whose access tokens the server accepts. The pool id and region become part of the
 * JWKS URL, so they are checked against their documented shapes before any URL is built from them.
 */
public record CognitoUserPool(String region, String poolId, String clientId) {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern POOL_ID = Pattern.compile("([a-z]{2}(-[a-z]+)+-\\d{1,2})_[0-9A-Za-z]+");
    private static final Pattern CLIENT_ID = Pattern.compile("[0-9A-Za-z]+");

    public CognitoUserPool {
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("AWS_DEFAULT_REGION is not an AWS region (like us-east-1)");
        }
        var poolIdParts = POOL_ID.matcher(poolId);
        if (!poolIdParts.matches()) {
            throw new IllegalArgumentException("AWS_COGNITO_USER_POOL_ID is not a user pool id (like us-east-1_AbC123xyz)");
        }
        if (!poolIdParts.group(1).equals(region)) {
            throw new IllegalArgumentException("AWS_COGNITO_USER_POOL_ID belongs to region " + poolIdParts.group(1)
                    + ", not to AWS_DEFAULT_REGION " + region);
        }
        if (!CLIENT_ID.matcher(clientId).matches()) {
            throw new IllegalArgumentException("AWS_COGNITO_USER_POOL_CLIENT_ID is not an app client id (letters and digits)");
        }
    }

    /** The pool from the environment; empty when none of its three variables is set, an error when only some are. */
    public static Optional<CognitoUserPool> fromEnvironment(Map<String, String> env) {
        String poolId = value(env, "AWS_COGNITO_USER_POOL_ID");
        String clientId = value(env, "AWS_COGNITO_USER_POOL_CLIENT_ID");
        String region = value(env, "AWS_DEFAULT_REGION");
        if (poolId == null && clientId == null) {
            return Optional.empty();
        }
        if (poolId == null || clientId == null || region == null) {
            throw new IllegalArgumentException("AWS_COGNITO_USER_POOL_ID, AWS_COGNITO_USER_POOL_CLIENT_ID and "
                    + "AWS_DEFAULT_REGION must be set together");
        }
        return Optional.of(new CognitoUserPool(region, poolId, clientId));
    }

    /** The {@code iss} of the pool's tokens. */
    public String issuer() {
        return "https://cognito-idp." + region + ".amazonaws.com/" + poolId;
    }

    public URI jwksUri() {
        return URI.create(issuer() + "/.well-known/jwks.json");
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
