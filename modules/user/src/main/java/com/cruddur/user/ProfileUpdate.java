package com.cruddur.user;

import com.cruddur.kernel.UserError;
import java.util.List;

/** The outcome of a profile update: the updated user, or every reason it was refused (and nothing written). */
public record ProfileUpdate(User user, List<UserError> errors) {

    static ProfileUpdate refused(List<UserError> errors) {
        return new ProfileUpdate(null, List.copyOf(errors));
    }

    static ProfileUpdate done(User user) {
        return new ProfileUpdate(user, List.of());
    }
}
