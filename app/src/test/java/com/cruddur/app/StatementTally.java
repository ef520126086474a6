package com.cruddur.app;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Counts every SQL statement a running server's modules execute (on any thread: requests, the listener's handler),
 * and among them the home feed's first-page statement, the one the shared page holds the rows of.
 */
final class StatementTally {

    private final AtomicInteger all = new AtomicInteger();
    private final AtomicInteger homeFeedFirstPages = new AtomicInteger();

    private StatementTally() {
    }

    static StatementTally on(RunningServer server) {
        StatementTally tally = new StatementTally();
        server.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                tally.all.incrementAndGet();
                // Only homeFeedFirstPage.sql reads the database's clock as read_at.
                if (context.getRawSql().contains("AS read_at")) {
                    tally.homeFeedFirstPages.incrementAndGet();
                }
            }
        });
        return tally;
    }

    /** What {@code read} returned, and how many statements the server ran meanwhile. */
    <T> Counted<T> count(Supplier<T> read) {
        int before = all.get();
        T value = read.get();
        return new Counted<>(value, all.get() - before);
    }

    int homeFeedFirstPages() {
        return homeFeedFirstPages.get();
    }

    record Counted<T>(T value, int statements) {
    }
}
