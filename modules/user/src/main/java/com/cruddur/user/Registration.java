package com.cruddur.user;

/** What {@link Users#register} did. Every outcome leaves exactly one row for the sign-up's Cognito user. */
public enum Registration {
    /** A new users row. */
    CREATED,
    /** A seeded placeholder ({@code cognito_user_id} {@code MOCK-...}) with this handle now belongs to the user. */
    CLAIMED_PLACEHOLDER,
    /** The row was already there: a retry or replay of the same sign-up. */
    ALREADY_REGISTERED
}
