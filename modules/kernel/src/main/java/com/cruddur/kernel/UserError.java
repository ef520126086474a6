package com.cruddur.kernel;

/**
 * A problem with the caller's input, returned in a mutation payload's {@code errors}. {@code field} names the
 * input field at fault (null when the problem is not one field's), {@code code} is stable for programs to match.
 */
public record UserError(String field, String code, String message) {

    /** The signed-in viewer has no users row (signed up in Cognito, but the sign-up Lambda has not recorded them). */
    public static UserError userNotFound() {
        return new UserError(null, "user_not_found", "no Cruddur user belongs to this sign-in");
    }
}
