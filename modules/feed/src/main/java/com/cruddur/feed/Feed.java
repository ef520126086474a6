package com.cruddur.feed;

import com.cruddur.activity.Activity;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * The feed module's public facade: pages of activities in feed order. With the shared page on, the home feed's
 * first page comes from memory while this instance hears every change ({@link SharedNewestPage}); the app tells it
 * what it hears: {@link #homeFeedChanged()} for a write here or a notification, and the listening connection's
 * state ({@link #notificationsResumed}, {@link #notificationsConfirmed}, {@link #notificationsLost}).
 */
public final class Feed {

    private final FeedRepository repository;
    private final SharedNewestPage newestPage;

    /** The feed without a shared page: every read runs its statement. */
    public Feed(Jdbi jdbi) {
        this(jdbi, false);
    }

    /**
     * {@code sharedPage}: keep the home feed's newest page in memory for every request. It is used only between
     * {@link #notificationsResumed} and {@link #notificationsLost}, and only while confirmed.
     */
    public Feed(Jdbi jdbi, boolean sharedPage) {
        this.repository = new FeedRepository(jdbi);
        this.newestPage = sharedPage ? new SharedNewestPage(repository::homeFeedFirstPage, System::nanoTime) : null;
    }

    /** Up to {@code page.limit()} top-level, unexpired activities with their authors, newest first, after the page's cursor. */
    List<FeedItem> homeFeed(PageRequest page) {
        if (page.after() != null) {
            return repository.homeFeedAfter(afterCreatedAt(page), page.after().uuid(), page.limit());
        }
        if (newestPage != null) {
            List<FeedItem> shared = newestPage.firstRows(page.limit());
            if (shared != null) {
                return shared;
            }
        }
        return repository.homeFeedFirstPage(page.limit()).rows();
    }

    /**
     * Something the home feed's first page may show has changed: an activity was created or replied to, a user's
     * name changed. Called after the change committed (by this instance before its write answers, and for every
     * notification from any instance); the shared page is dropped and read again by the next request.
     */
    public void homeFeedChanged() {
        if (newestPage != null) {
            newestPage.changed();
        }
    }

    /**
     * The listening connection listens (again): every change committed from now on will be notified. The shared
     * page is dropped (changes may have been missed while nobody listened) and shared again, for {@code trust}
     * unless {@linkplain #notificationsConfirmed confirmed} again.
     */
    public void notificationsResumed(Duration trust) {
        if (newestPage != null) {
            newestPage.listening(trust);
        }
    }

    /** A round trip on the listening connection confirmed that every notification sent so far was handled. */
    public void notificationsConfirmed(Duration trust) {
        if (newestPage != null) {
            newestPage.confirmed(trust);
        }
    }

    /** The listening connection is lost: the home feed goes to the database until {@link #notificationsResumed}. */
    public void notificationsLost() {
        if (newestPage != null) {
            newestPage.lost();
        }
    }

    /** How first pages of the home feed were answered so far (all zero without the shared page). */
    public SharedPageCounts sharedPageCounts() {
        return newestPage == null ? new SharedPageCounts(0, 0, 0, 0) : newestPage.counts();
    }

    /**
     * Reads of the home feed's first page: served from the shared page ({@code hits}), read from the database for
     * it ({@code reads}), waiting for another request's read ({@code waits}), or bypassing it while notifications
     * were not heard ({@code bypasses}).
     */
    public record SharedPageCounts(long hits, long reads, long waits, long bypasses) {
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
