package com.cruddur.feed;

import com.cruddur.activity.Activity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The home feed's newest rows, kept in memory and shared by every request of this instance, exact as long as the
 * instance hears every change (see the README, "The shared home-feed page").
 * <p>
 * One page is kept: the newest {@link #ROWS} rows (the largest {@code first} plus the row that tells whether a next
 * page follows), with their authors, as the home feed's statement returned them. A request for {@code first} rows
 * gets its first {@code first + 1}: the statement orders by a unique key, so that prefix is exactly what the same
 * statement with the smaller limit returns. Bounded memory, whatever the clients ask for.
 * <p>
 * The page is exact because:
 * <ul>
 *   <li>every change that can alter it ({@link #changed()}: a write on this instance, right after its commit and
 *       before it answers; a notification from any instance) moves the generation on and drops the page; a read
 *       that started before a change may finish after it, but its rows are kept only if the generation is still the
 *       one it started at;</li>
 *   <li>it is used only while notifications are heard: not before the first {@code LISTEN}, not from the moment the
 *       listening connection is lost until it listens again (when the page is dropped, since notifications may have
 *       been missed), and not when the connection has not confirmed itself within the trust it was given (a
 *       connection that broke silently);</li>
 *   <li>it is not served past the earliest {@code expiresAt} among the rows a request gets, measured on the
 *       database's clock (the statement returns its {@code now()}) from the moment the statement was sent.</li>
 * </ul>
 * A missing or outdated page is read again by one request; the others asking meanwhile wait for its rows.
 */
final class SharedNewestPage {

    /** The rows kept: enough for the largest page and its "is there a next page" row. */
    static final int ROWS = PageRequest.MAX_FIRST + 1;

    private final IntFunction<FeedRepository.NewestRows> statement;
    private final LongSupplier nanoTime;
    private final Object lock = new Object();
    /** Moves on at every change; a page is served and kept only with the generation it was read at. */
    private final AtomicLong generation = new AtomicLong();
    private volatile Page page;
    private volatile boolean listening;
    private volatile long trustedUntil;
    /** The read in flight, for the generation it started at; guarded by {@link #lock}. */
    private Flight flight;

    private final LongAdder hits = new LongAdder();
    private final LongAdder reads = new LongAdder();
    private final LongAdder waits = new LongAdder();
    private final LongAdder bypasses = new LongAdder();

    SharedNewestPage(IntFunction<FeedRepository.NewestRows> statement, LongSupplier nanoTime) {
        this.statement = statement;
        this.nanoTime = nanoTime;
    }

    /**
     * The first {@code limit} rows of the home feed (at most {@link #ROWS}), from the shared page; null when it
     * cannot be used now (notifications are not heard), and the caller reads the database itself.
     */
    List<FeedItem> firstRows(int limit) {
        if (limit > ROWS || !trusted(nanoTime.getAsLong())) {
            bypasses.increment();
            return null;
        }
        long current = generation.get();
        Page kept = page;
        if (kept != null && kept.generation == current && kept.serves(limit, nanoTime.getAsLong())) {
            hits.increment();
            return kept.first(limit);
        }
        Page read = read(current);
        if (!read.serves(limit, nanoTime.getAsLong())) {
            // A row of the prefix expired between the read and now (a matter of microseconds): ask again.
            bypasses.increment();
            return null;
        }
        return read.first(limit);
    }

    /** The page at {@code generation}: read by this request, or by the one already reading it. */
    private Page read(long generation) {
        Flight joined;
        Flight mine = null;
        synchronized (lock) {
            if (flight != null && flight.generation == generation) {
                joined = flight;
            } else {
                joined = mine = new Flight(generation);
                flight = mine;
            }
        }
        if (mine == null) {
            waits.increment();
            try {
                return joined.rows.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        reads.increment();
        try {
            long sentAt = nanoTime.getAsLong();
            Page read = Page.of(generation, statement.apply(ROWS), sentAt);
            synchronized (lock) {
                if (this.generation.get() == generation) {
                    page = read;
                }
            }
            mine.rows.complete(read);
            return read;
        } catch (RuntimeException | Error e) {
            mine.rows.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (lock) {
                if (flight == mine) {
                    flight = null;
                }
            }
        }
    }

    /** Something the page may show has changed: drop it; reads in flight will not keep what they read. */
    void changed() {
        synchronized (lock) {
            generation.incrementAndGet();
            page = null;
        }
    }

    /**
     * Notifications are heard (again) from now on: drop the page (some may have been missed while not listening)
     * and share one again, for {@code trust} unless {@link #confirmed} again.
     */
    void listening(Duration trust) {
        changed();
        trustedUntil = nanoTime.getAsLong() + trust.toNanos();
        listening = true;
    }

    /** The listening connection has confirmed that every notification sent to it so far was handled. */
    void confirmed(Duration trust) {
        trustedUntil = nanoTime.getAsLong() + trust.toNanos();
    }

    /** Notifications may be missed from now on: not shared until {@link #listening} again. */
    void lost() {
        listening = false;
        changed();
    }

    private boolean trusted(long now) {
        return listening && now - trustedUntil < 0;
    }

    /** How reads of the first page were answered so far. */
    Feed.SharedPageCounts counts() {
        return new Feed.SharedPageCounts(hits.sum(), reads.sum(), waits.sum(), bypasses.sum());
    }

    private static final class Flight {
        final long generation;
        final CompletableFuture<Page> rows = new CompletableFuture<>();

        Flight(long generation) {
            this.generation = generation;
        }
    }

    /**
     * Rows as the statement returned them, and for each prefix how long after the statement was sent it may be
     * served: until the earliest {@code expiresAt} in it, counted on the database's clock from its {@code now()}.
     */
    private record Page(long generation, List<FeedItem> rows, long sentAt, long[] servableFor) {

        static Page of(long generation, FeedRepository.NewestRows read, long sentAt) {
            List<FeedItem> rows = List.copyOf(read.rows());
            long[] servableFor = new long[rows.size()];
            long earliest = Long.MAX_VALUE;
            for (int i = 0; i < rows.size(); i++) {
                Activity activity = rows.get(i).activity();
                if (activity.expiresAt() != null) {
                    earliest = Math.min(earliest, nanosBetween(read.readAt(), activity.expiresAt()));
                }
                servableFor[i] = earliest;
            }
            return new Page(generation, rows, sentAt, servableFor);
        }

        /** Whether the first {@code limit} rows can be served at {@code now}: none of them has expired. */
        boolean serves(int limit, long now) {
            int last = Math.min(limit, rows.size()) - 1;
            return last < 0 || now - sentAt < servableFor[last];
        }

        List<FeedItem> first(int limit) {
            return limit >= rows.size() ? rows : rows.subList(0, limit);
        }

        private static long nanosBetween(Instant from, Instant to) {
            try {
                return Duration.between(from, to).toNanos();
            } catch (ArithmeticException e) {
                return from.isBefore(to) ? Long.MAX_VALUE : Long.MIN_VALUE;
            }
        }
    }
}
