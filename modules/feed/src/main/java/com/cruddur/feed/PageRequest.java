package com.cruddur.feed;

import com.cruddur.kernel.InvalidArgumentException;
import graphql.schema.DataFetchingEnvironment;

/** The {@code first} and {@code after} arguments of a connection field, checked. */
record PageRequest(int first, FeedCursor after) {

    static final int MAX_FIRST = 100;

    static PageRequest from(DataFetchingEnvironment environment) {
        Integer first = environment.getArgument("first");
        if (first == null || first < 1 || first > MAX_FIRST) {
            throw new InvalidArgumentException("first must be between 1 and " + MAX_FIRST + ", was " + first);
        }
        String after = environment.getArgument("after");
        return new PageRequest(first, after == null ? null : FeedCursor.decode(after));
    }

    /** Rows to ask the database for: one more than the page, to learn whether another page follows. */
    int limit() {
        return first + 1;
    }
}
