package com.cruddur.app.graphql;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Lets at most {@code concurrency} GraphQL requests execute at once, about as many as the database can serve, so
 * that HTTP threads never pile up waiting for a connection. A request that finds a slot free runs at once on the
 * HTTP thread that received it (no hand-off: the common case); the others wait in a queue for a worker, and one
 * that cannot start within {@code maxWait} (or finds the queue full) is answered with {@code UNAVAILABLE}, which the
 * endpoint turns into a 503 with {@code Retry-After}.
 */
public final class ExecutionQueue implements AutoCloseable {

    private static final int CAPACITY = 1024;

    private final Semaphore slots;
    private final ThreadPoolExecutor workers;
    private final long maxWaitNanos;

    public ExecutionQueue(int concurrency, Duration maxWait) {
        AtomicInteger threadNumber = new AtomicInteger();
        this.slots = new Semaphore(concurrency);
        this.workers = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(CAPACITY), runnable -> {
                    Thread thread = new Thread(runnable, "graphql-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** The request's execution, started on the calling thread if a slot is free now; otherwise null (then {@link #submit}). */
    public CompletableFuture<ExecutionResult> startNowIfFree(Supplier<CompletableFuture<ExecutionResult>> work) {
        return slots.tryAcquire() ? run(work) : null;
    }

    /** The request's execution on a worker, as soon as a slot frees, or {@code UNAVAILABLE} if none does within the wait. */
    public CompletableFuture<ExecutionResult> submit(String requestId, Supplier<CompletableFuture<ExecutionResult>> work) {
        CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        long queuedAt = System.nanoTime();
        try {
            workers.execute(() -> {
                try {
                    if (!slots.tryAcquire(maxWaitNanos - (System.nanoTime() - queuedAt), TimeUnit.NANOSECONDS)) {
                        result.complete(unavailable(requestId));
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    result.complete(unavailable(requestId));
                    return;
                }
                run(work).whenComplete((value, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(value);
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            result.complete(unavailable(requestId));
        }
        return result;
    }

    /** Runs work that holds a slot, and gives the slot back when the work ends, however it ends. */
    private CompletableFuture<ExecutionResult> run(Supplier<CompletableFuture<ExecutionResult>> work) {
        CompletableFuture<ExecutionResult> execution;
        try {
            execution = work.get();
        } catch (RuntimeException e) {
            slots.release();
            return CompletableFuture.failedFuture(e);
        }
        return execution.whenComplete((value, failure) -> slots.release());
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
