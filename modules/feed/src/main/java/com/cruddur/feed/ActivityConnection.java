package com.cruddur.feed;

import com.cruddur.activity.Activity;
import java.util.List;

/** One page of activities in the Relay connection shape. */
record ActivityConnection(List<Edge> edges, List<Activity> nodes, PageInfo pageInfo) {

    /** An edge's cursor is encoded only when a client asks for it: most read {@code nodes}. */
    record Edge(Activity node) {
        public String cursor() {
            return cursorOf(node);
        }
    }

    record PageInfo(boolean hasNextPage, String endCursor) {
    }

    /** Builds a page from up to {@code first + 1} rows: the extra row, if present, only says there is a next page. */
    static ActivityConnection of(List<Activity> rows, int first) {
        List<Activity> nodes = List.copyOf(rows.size() > first ? rows.subList(0, first) : rows);
        String endCursor = nodes.isEmpty() ? null : cursorOf(nodes.get(nodes.size() - 1));
        return new ActivityConnection(nodes.stream().map(Edge::new).toList(), nodes, new PageInfo(rows.size() > first, endCursor));
    }

    private static String cursorOf(Activity activity) {
        return new FeedCursor(activity.createdAt(), activity.uuid()).encode();
    }
}
