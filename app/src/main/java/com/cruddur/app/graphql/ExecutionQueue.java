package com.cruddur.app.graphql;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs GraphQL requests on a few workers, about as many as the database can serve at once, so that HTTP threads
 * never pile up waiting for a connection. A request that cannot start within {@code maxWait} (or finds the queue
 * full) is answered at once with {@code UNAVAILABLE}, which the endpoint turns into a 503 with {@code Retry-After}.
 */
public final class ExecutionQueue implements AutoCloseable {

    private static final int CAPACITY = 1024;

    private final ThreadPoolExecutor workers;
    private final long maxWaitNanos;

    public ExecutionQueue(int workerCount, Duration maxWait) {
        AtomicInteger threadNumber = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(workerCount, workerCount, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(CAPACITY), runnable -> {
                    Thread thread = new Thread(runnable, "graphql-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.maxWaitNanos = maxWait.toNanos();
    }

    public CompletableFuture<ExecutionResult> submit(String requestId, Supplier<CompletableFuture<ExecutionResult>> work) {
        CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        long queuedAt = System.nanoTime();
        try {
            workers.execute(() -> {
                if (System.nanoTime() - queuedAt > maxWaitNanos) {
                    result.complete(unavailable(requestId));
                    return;
                }
                try {
                    work.get().whenComplete((value, failure) -> {
                        if (failure != null) {
                            result.completeExceptionally(failure);
                        } else {
                            result.complete(value);
                        }
                    });
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.complete(unavailable(requestId));
        }
        return result;
    }

    private static ExecutionResult unavailable(String requestId) {
        return ExecutionResult.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError()
                        .message("the service is busy; try again")
                        .extensions(Map.of("code", ErrorCodes.UNAVAILABLE, "requestId", requestId))
                        .build())
                .build();
    }

    /** Lets queued requests finish, then stops the workers. */
    @Override
    public void close() {
        workers.shutdown();
    }
}
