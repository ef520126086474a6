package com.cruddur.feed;

import com.cruddur.activity.Activity;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The feed module's public facade: pages of activities in feed order. */
public final class Feed {

    private final FeedRepository repository;

    public Feed(Jdbi jdbi) {
        this.repository = jdbi.onDemand(FeedRepository.class);
    }

    /** Up to {@code page.limit()} top-level, unexpired activities, newest first, after the page's cursor. */
    List<Activity> homeFeed(PageRequest page) {
        return page.after() == null
                ? repository.homeFeedFirstPage(page.limit())
                : repository.homeFeedAfter(page.after().createdAt().atOffset(ZoneOffset.UTC), page.after().uuid(), page.limit());
    }
}
