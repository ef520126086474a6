package com.cruddur.user;

/**
 * Who a user is to an identity provider: the claims a sign-in puts in its tokens. It carries the email, which
 * the API never shows; only the development sign-in server reads it, for the person's own id token.
 */
public record Account(String cognitoUserId, String handle, String displayName, String email) {
}
