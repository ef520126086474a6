package com.cruddur.feed;

import com.cruddur.activity.Activity;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** The feed module's public facade: pages of activities in feed order. */
public final class Feed {

    private final FeedRepository repository;

    public Feed(Jdbi jdbi) {
        this.repository = new FeedRepository(jdbi);
    }

    /** Up to {@code page.limit()} top-level, unexpired activities with their authors, newest first, after the page's cursor. */
    List<FeedItem> homeFeed(PageRequest page) {
        return page.after() == null
                ? repository.homeFeedFirstPage(page.limit())
                : repository.homeFeedAfter(afterCreatedAt(page), page.after().uuid(), page.limit());
    }

    /** For each user, up to {@code page.limit()} of their unexpired activities (replies included), newest first. */
    Map<UUID, List<Activity>> userActivities(Collection<UUID> userUuids, PageRequest page) {
        List<Activity> rows = page.after() == null
                ? repository.userActivitiesFirstPage(userUuids, page.limit())
                : repository.userActivitiesAfter(userUuids, afterCreatedAt(page), page.after().uuid(), page.limit());
        return rows.stream().collect(Collectors.groupingBy(Activity::userUuid));
    }

    /** For each parent, up to {@code page.limit()} of its replies, oldest first. */
    Map<UUID, List<Activity>> replies(Collection<UUID> parentUuids, PageRequest page) {
        List<Activity> rows = page.after() == null
                ? repository.repliesFirstPage(parentUuids, page.limit())
                : repository.repliesAfter(parentUuids, afterCreatedAt(page), page.after().uuid(), page.limit());
        return rows.stream().collect(Collectors.groupingBy(Activity::replyToActivityUuid));
    }

    private static OffsetDateTime afterCreatedAt(PageRequest page) {
        return page.after().createdAt().atOffset(ZoneOffset.UTC);
    }
}
