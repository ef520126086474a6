package com.cruddur.feed;

import com.cruddur.activity.Activity;
import com.cruddur.user.User;
import org.jdbi.v3.core.mapper.Nested;

/** A feed row: the activity and its author, read together in the feed's one statement. */
record FeedItem(@Nested Activity activity, @Nested("author") User author) {
}
