package com.cruddur.feed;

import com.cruddur.activity.Activity;
import com.cruddur.user.User;

/** A feed row: the activity and its author, read together in the feed's one statement. */
record FeedItem(Activity activity, User author) {
}
