package com.cruddur.user;

import java.util.regex.Pattern;

/**
 * The limits on a user's fields, shared by the API and the sign-up Lambda, and enforced again by the
 * schema's CHECK constraints (sql/migrations/V1__users_and_activities.sql).
 */
public final class UserRules {

    public static final Pattern HANDLE = Pattern.compile("^[A-Za-z0-9_]{1,32}$");
    public static final int DISPLAY_NAME_MAX = 100;
    public static final int BIO_MAX = 500;
    public static final int EMAIL_MAX = 320;
    public static final int COGNITO_USER_ID_MAX = 128;

    private UserRules() {
    }
}
