package com.cruddur.activity;

import com.cruddur.kernel.UserError;
import java.util.List;

/** The outcome of a create or reply: the new activity, or every reason it was refused (and nothing written). */
public record ActivityWrite(Activity activity, List<UserError> errors) {

    static ActivityWrite refused(List<UserError> errors) {
        return new ActivityWrite(null, List.copyOf(errors));
    }

    static ActivityWrite done(Activity activity) {
        return new ActivityWrite(activity, List.of());
    }
}
