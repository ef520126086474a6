package com.cruddur.feed;

import com.cruddur.activity.Activity;
import java.util.List;

/** One page of activities in the Relay connection shape. */
record ActivityConnection(List<Edge> edges, List<Activity> nodes, PageInfo pageInfo) {

    record Edge(String cursor, Activity node) {
    }

    record PageInfo(boolean hasNextPage, String endCursor) {
    }

    /** Builds a page from up to {@code first + 1} rows: the extra row, if present, only says there is a next page. */
    static ActivityConnection of(List<Activity> rows, int first) {
        List<Activity> nodes = rows.size() > first ? rows.subList(0, first) : rows;
        List<Edge> edges = nodes.stream()
                .map(activity -> new Edge(new FeedCursor(activity.createdAt(), activity.uuid()).encode(), activity))
                .toList();
        String endCursor = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new ActivityConnection(edges, List.copyOf(nodes), new PageInfo(rows.size() > first, endCursor));
    }
}
