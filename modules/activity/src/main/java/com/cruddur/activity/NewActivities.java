package com.cruddur.activity;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.jdbi.v3.core.Jdbi;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Activities as they are created, whichever server instance created them, for the subscriptions. Every insert
 * notifies {@link #CHANNEL} with the new activity's uuid in its own transaction; this instance's one listening
 * connection hands each burst of notifications to {@link #notified}, which reads the new rows (with their authors)
 * in one statement, whatever the number of subscribers, and passes each to the subscribers it concerns.
 * <p>
 * After the listening connection was lost, {@link #catchUp} reads every activity created since a safety window
 * before the loss, in creation order; activities already delivered (remembered by uuid for a while) are skipped,
 * so a subscriber gets each activity once. Both methods run on the listener's thread, one at a time.
 */
public final class NewActivities {

    /** The PostgreSQL notification channel that the activity inserts notify (see insertActivity.sql). */
    public static final String CHANNEL = "activity_created";

    private static final Logger log = LoggerFactory.getLogger(NewActivities.class);
    private static final int CATCH_UP_PAGE = 500;
    private static final UUID LOWEST_UUID = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);

    private final ActivityRepository repository;
    private final Duration safetyWindow;
    /** Delivered activities by uuid, oldest first, with their creation time: forgotten well after the window. */
    private final LinkedHashMap<UUID, Instant> delivered = new LinkedHashMap<>();
    private final Set<EventStream<NewActivity>> topLevelSubscribers = new CopyOnWriteArraySet<>();
    private final Map<UUID, Set<EventStream<NewActivity>>> replySubscribers = new ConcurrentHashMap<>();

    /**
     * @param safetyWindow how far before a lost connection the catch-up starts: longer than any inserting
     *                     transaction lasts (an activity's created_at is its transaction's start) plus clock skew
     */
    public NewActivities(Jdbi jdbi, Duration safetyWindow) {
        this.repository = new ActivityRepository(jdbi);
        this.safetyWindow = safetyWindow;
    }

    /** Each new top-level activity, from now on, until the subscriber cancels. */
    public Publisher<NewActivity> topLevel() {
        return subscriber -> {
            EventStream<NewActivity> stream = new EventStream<>(subscriber, topLevelSubscribers::remove);
            topLevelSubscribers.add(stream);
            stream.start();
        };
    }

    /** Each new reply to the activity with this uuid, from now on, until the subscriber cancels. */
    public Publisher<NewActivity> repliesTo(UUID parentUuid) {
        return subscriber -> {
            EventStream<NewActivity> stream = new EventStream<>(subscriber, self -> replySubscribers.computeIfPresent(
                    parentUuid, (parent, streams) -> {
                        streams.remove(self);
                        return streams.isEmpty() ? null : streams;
                    }));
            replySubscribers.compute(parentUuid, (parent, streams) -> {
                Set<EventStream<NewActivity>> set = streams == null ? new CopyOnWriteArraySet<>() : streams;
                set.add(stream);
                return set;
            });
            stream.start();
        };
    }

    /** How many subscribers are listening, to either kind. */
    public int subscriberCount() {
        return topLevelSubscribers.size() + replySubscribers.values().stream().mapToInt(Set::size).sum();
    }

    /** One burst of notification payloads (uuids), in commit order: read in one statement, then delivered. */
    public void notified(List<String> payloads) {
        List<UUID> uuids = new ArrayList<>(payloads.size());
        for (String payload : payloads) {
            try {
                UUID uuid = UUID.fromString(payload);
                if (!delivered.containsKey(uuid)) {
                    uuids.add(uuid);
                }
            } catch (IllegalArgumentException e) {
                log.warn("ignored a notification on {} that is not a uuid", CHANNEL);
            }
        }
        forgetOld();
        if (uuids.isEmpty()) {
            return;
        }
        Map<UUID, NewActivity> rows = new HashMap<>();
        for (NewActivity row : repository.findCreatedByUuids(uuids)) {
            rows.put(row.activity().uuid(), row);
        }
        for (UUID uuid : uuids) {
            NewActivity row = rows.get(uuid);
            if (row != null) {
                deliver(row);
            }
        }
    }

    /** Delivers, in creation order, every activity created since a safety window before {@code missedSince} that was not delivered yet. */
    public void catchUp(Instant missedSince) {
        OffsetDateTime afterCreatedAt = missedSince.minus(safetyWindow).atOffset(ZoneOffset.UTC);
        UUID afterUuid = LOWEST_UUID;
        int caughtUp = 0;
        while (true) {
            List<NewActivity> page = repository.findCreatedAfter(afterCreatedAt, afterUuid, CATCH_UP_PAGE);
            for (NewActivity row : page) {
                if (deliver(row)) {
                    caughtUp++;
                }
            }
            if (page.size() < CATCH_UP_PAGE) {
                break;
            }
            Activity last = page.get(page.size() - 1).activity();
            afterCreatedAt = last.createdAt().atOffset(ZoneOffset.UTC);
            afterUuid = last.uuid();
        }
        if (caughtUp > 0) {
            log.info("caught up with {} activities created while the listening connection was away", caughtUp);
        }
    }

    /** Passes the activity to its subscribers unless it was delivered before; false when it was. */
    private boolean deliver(NewActivity row) {
        Activity activity = row.activity();
        if (delivered.putIfAbsent(activity.uuid(), activity.createdAt()) != null) {
            return false;
        }
        Collection<EventStream<NewActivity>> subscribers = row.isReply()
                ? replySubscribers.getOrDefault(activity.replyToActivityUuid(), Set.of())
                : topLevelSubscribers;
        for (EventStream<NewActivity> subscriber : subscribers) {
            subscriber.push(row);
        }
        return true;
    }

    /**
     * Forgets deliveries far older than any catch-up can reach again. Only while listening: the next catch-up starts
     * a safety window before a moment when the connection was still up, which is no earlier than about now.
     */
    private void forgetOld() {
        Instant horizon = Instant.now().minus(safetyWindow.multipliedBy(4));
        for (Iterator<Instant> createdAt = delivered.values().iterator(); createdAt.hasNext(); ) {
            if (!createdAt.next().isBefore(horizon)) {
                return;
            }
            createdAt.remove();
        }
    }
}
