package com.cruddur.activity;

import com.cruddur.user.User;

/** An activity just created, and its author, read together: what a subscription delivers. */
public record NewActivity(Activity activity, User author) {

    public boolean isReply() {
        return activity.replyToActivityUuid() != null;
    }
}
