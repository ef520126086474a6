package com.cruddur.app.signin;

import com.cruddur.user.UserRules;
import java.util.Map;

/** What the sign-in page says for each refusal code, and which field the code belongs to. */
final class SignUpMessages {

    private static final Map<String, String> MESSAGES = Map.ofEntries(
            Map.entry("handle_blank", "Choose a handle."),
            Map.entry("handle_invalid", "A handle is 1 to 32 letters, digits or _."),
            Map.entry("handle_taken", "That handle is taken."),
            Map.entry("email_blank", "Enter your email address."),
            Map.entry("email_invalid", "That is not an email address."),
            Map.entry("email_exceed_max_chars", "An email address is at most " + UserRules.EMAIL_MAX + " characters."),
            Map.entry("display_name_exceed_max_chars", "A display name is at most " + UserRules.DISPLAY_NAME_MAX + " characters."),
            Map.entry("user_not_found", "No user has that handle."),
            Map.entry("database_unavailable", "The database did not answer; try again."));

    private SignUpMessages() {
    }

    static String message(String code) {
        return MESSAGES.getOrDefault(code, "The sign-up was refused (" + code + ").");
    }

    /** The sign-up form's field a code is about: {@code handle}, {@code name}, {@code email}, or {@code ""} for none. */
    static String field(String code) {
        if (code.startsWith("handle_")) {
            return "handle";
        }
        if (code.startsWith("email_")) {
            return "email";
        }
        if (code.startsWith("display_name_")) {
            return "name";
        }
        return "";
    }
}
