package com.cruddur.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.activity.Activity;
import com.cruddur.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The shared page's own rules, on a clock the test moves and a statement it answers: when the page may be used at
 * all, and for how long its rows may be served. (The same rules over HTTP and PostgreSQL: the app's
 * {@code SharedHomePage*Test}.)
 */
class SharedNewestPageTest {

    private static final Duration TRUST = Duration.ofSeconds(4);
    private static final Instant DATABASE_NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final User AUTHOR = new User(UUID.randomUUID(), "author", "Author", null, DATABASE_NOW);

    private static final long START = 1_000_000_000L;

    private final AtomicLong nanos = new AtomicLong(START);
    private final AtomicInteger statements = new AtomicInteger();
    private volatile List<FeedItem> table = rows(List.of(), 150);
    private final SharedNewestPage page = new SharedNewestPage(limit -> {
        statements.incrementAndGet();
        return new FeedRepository.NewestRows(table.subList(0, Math.min(limit, table.size())), databaseNow());
    }, nanos::get);

    @Test
    void theDatabaseAnswersUntilNotificationsAreHeardAndWhileTheyAreNot() {
        assertThat(page.firstRows(21)).as("before the first LISTEN").isNull();

        page.listening(TRUST);
        assertThat(page.firstRows(21)).hasSize(21);
        assertThat(page.firstRows(6)).hasSize(6);
        assertThat(page.firstRows(101)).hasSize(101);
        assertThat(statements).as("one read of " + SharedNewestPage.ROWS + " rows for every size").hasValue(1);

        page.lost();
        assertThat(page.firstRows(21)).as("while the connection is lost").isNull();
        page.listening(TRUST);
        assertThat(page.firstRows(21)).hasSize(21);
        assertThat(statements).as("read again: notifications may have been missed").hasValue(2);
    }

    @Test
    void aConnectionThatStopsConfirmingItselfIsNotTrusted() {
        page.listening(TRUST);
        page.firstRows(21);
        advance(TRUST.minusMillis(1));
        assertThat(page.firstRows(21)).isNotNull();
        page.confirmed(TRUST);
        advance(TRUST.minusMillis(1));
        assertThat(page.firstRows(21)).as("confirmed in time").isNotNull();
        advance(Duration.ofMillis(2));
        assertThat(page.firstRows(21)).as("not confirmed for longer than the trust").isNull();

        page.confirmed(TRUST);
        assertThat(page.firstRows(21)).isNotNull();
        // The connection never broke, so nothing was missed: the page it kept is still exact.
        assertThat(statements).hasValue(1);
    }

    @Test
    void rowsAreServedUntilTheEarliestExpiryAmongThemOnTheDatabasesClock() {
        // Row 1 expires 5 s after the read, row 0 10 s after it, the others never.
        table = rows(List.of(Duration.ofSeconds(10), Duration.ofSeconds(5)), 150);
        page.listening(TRUST);
        page.confirmed(Duration.ofDays(1));
        assertThat(page.firstRows(1)).hasSize(1);
        advance(Duration.ofMillis(4999));
        assertThat(page.firstRows(2)).extracting(FeedItem::activity).extracting(Activity::message).containsExactly("0", "1");
        assertThat(statements).hasValue(1);

        advance(Duration.ofMillis(1));
        List<FeedItem> unexpired = new ArrayList<>(table);
        unexpired.remove(1);
        table = unexpired;
        assertThat(page.firstRows(1)).as("a prefix without the expired row is still served").hasSize(1);
        assertThat(statements).hasValue(1);
        assertThat(page.firstRows(2)).as("a page that holds it is read again")
                .extracting(FeedItem::activity).extracting(Activity::message).containsExactly("0", "2");
        assertThat(statements).hasValue(2);
    }

    @Test
    void aReadThatAChangeOvertookIsServedToItsOwnRequestButNotKept() throws Exception {
        page.listening(TRUST);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        SharedNewestPage slow = new SharedNewestPage(limit -> {
            if (reads.incrementAndGet() == 1) {
                reading.countDown();
                await(release);
            }
            return new FeedRepository.NewestRows(table.subList(0, limit), databaseNow());
        }, nanos::get);
        slow.listening(TRUST);

        CompletableFuture<List<FeedItem>> overtaken = CompletableFuture.supplyAsync(() -> slow.firstRows(21));
        assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
        // Readers that come meanwhile, at the same generation, wait for it rather than read too.
        CompletableFuture<List<FeedItem>> waiting = CompletableFuture.supplyAsync(() -> slow.firstRows(21));
        Thread.sleep(100);
        slow.changed();
        release.countDown();

        assertThat(overtaken.get(5, TimeUnit.SECONDS)).hasSize(21);
        assertThat(waiting.get(5, TimeUnit.SECONDS)).hasSize(21);
        assertThat(reads).as("the first read, shared with the reader waiting for it").hasValue(1);
        slow.firstRows(21);
        assertThat(reads).as("not kept: the change came after it started").hasValue(2);
        slow.firstRows(21);
        assertThat(reads).as("kept now").hasValue(2);
    }

    private Instant databaseNow() {
        return DATABASE_NOW.plusNanos(nanos.get() - START);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code count} rows, newest first; the first ones expire these durations after the database's now, the rest never. */
    private static List<FeedItem> rows(List<Duration> expiries, int count) {
        List<FeedItem> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant expiresAt = i < expiries.size() ? DATABASE_NOW.plus(expiries.get(i)) : null;
            rows.add(new FeedItem(new Activity(UUID.randomUUID(), AUTHOR.uuid(), Integer.toString(i), 0, 0, 0, null, expiresAt,
                    DATABASE_NOW.minusSeconds(i)), AUTHOR));
        }
        return rows;
    }
}
