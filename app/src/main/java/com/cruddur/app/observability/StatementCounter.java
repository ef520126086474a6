package com.cruddur.app.observability;

import java.sql.PreparedStatement;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/**
 * Counts the SQL statements Jdbi runs on the current thread while a count is open. A GraphQL request runs all its
 * data fetchers and DataLoaders on the thread that executes it, so its count is complete when it returns.
 */
public final class StatementCounter implements StatementCustomizer {

    private static final ThreadLocal<int[]> CURRENT = new ThreadLocal<>();

    /** Starts counting on this thread; {@link Count#stop()} ends it and gives the number. */
    public static Count start() {
        int[] count = new int[1];
        CURRENT.set(count);
        return () -> {
            CURRENT.remove();
            return count[0];
        };
    }

    @Override
    public void afterExecution(PreparedStatement statement, StatementContext context) {
        int[] count = CURRENT.get();
        if (count != null) {
            count[0]++;
        }
    }

    @FunctionalInterface
    public interface Count {
        int stop();
    }
}
