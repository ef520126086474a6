package com.cruddur.app.graphql;

import com.cruddur.app.observability.RequestTracing;
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
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Lets at most {@code concurrency} GraphQL requests execute at once, about as many as the database can serve, so
 * that no more requests than that hold or wait for a connection. A request that finds a slot free runs at once on
 * the thread that received it (no hand-off: the common case). An HTTP request that finds none waits for one on its
 * own thread ({@link #runHere}): the thread that frees a slot only wakes it, and its answer is written where it ran.
 * Other requests (the WebSocket's, whose threads must not block) wait in a queue for a worker. A request that cannot
 * start within {@code maxWait} (or finds too many waiting) is answered with {@code UNAVAILABLE}, which the endpoint
 * turns into a 503 with {@code Retry-After}.
 */
public final class ExecutionQueue implements AutoCloseable {

    private static final int CAPACITY = 1024;

    private final Semaphore slots;
    private final AtomicInteger waitingHere = new AtomicInteger();
    private final ThreadPoolExecutor workers;
    private final long maxWaitNanos;
    private final Consumer<String> shed;

    /** {@code shed} hears of each request refused, with why: {@code wait_timeout} or {@code queue_full}. */
    public ExecutionQueue(int concurrency, Duration maxWait, Consumer<String> shed) {
        this.shed = shed;
        AtomicInteger threadNumber = new AtomicInteger();
        // Fair: a slot that frees goes to the request that has waited longest, never to one that just arrived.
        this.slots = new Semaphore(concurrency, true);
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
        try {
            return slots.tryAcquire(0, TimeUnit.NANOSECONDS) ? run(work) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The request's execution on the calling thread, which waits for a slot if none is free, or {@code UNAVAILABLE}
     * if none frees within the wait (or too many threads wait already).
     */
    public CompletableFuture<ExecutionResult> runHere(String requestId, String traceId,
                                                      Supplier<CompletableFuture<ExecutionResult>> work) {
        try {
            if (waitingHere.incrementAndGet() > CAPACITY) {
                return CompletableFuture.completedFuture(unavailable(requestId, traceId, "queue_full"));
            }
            if (!slots.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
                return CompletableFuture.completedFuture(unavailable(requestId, traceId, "wait_timeout"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.completedFuture(unavailable(requestId, traceId, "wait_timeout"));
        } finally {
            waitingHere.decrementAndGet();
        }
        return run(work);
    }

    /** The request's execution on a worker, as soon as a slot frees, or {@code UNAVAILABLE} if none does within the wait. */
    public CompletableFuture<ExecutionResult> submit(String requestId, String traceId,
                                                     Supplier<CompletableFuture<ExecutionResult>> work) {
        CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        long queuedAt = System.nanoTime();
        Map<String, String> logContext = RequestTracing.logContext();
        try {
            workers.execute(() -> RequestTracing.runWith(logContext, () -> {
                try {
                    if (!slots.tryAcquire(maxWaitNanos - (System.nanoTime() - queuedAt), TimeUnit.NANOSECONDS)) {
                        result.complete(unavailable(requestId, traceId, "wait_timeout"));
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    result.complete(unavailable(requestId, traceId, "wait_timeout"));
                    return;
                }
                run(work).whenComplete((value, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(value);
                    }
                });
            }));
        } catch (RejectedExecutionException e) {
            result.complete(unavailable(requestId, traceId, "queue_full"));
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

    private ExecutionResult unavailable(String requestId, String traceId, String reason) {
        shed.accept(reason);
        return ExecutionResult.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError()
                        .message("the service is busy; try again")
                        .extensions(Map.of("code", ErrorCodes.UNAVAILABLE, "requestId", requestId, "traceId", traceId))
                        .build())
                .build();
    }

    /** Lets queued requests finish, then stops the workers. */
    @Override
    public void close() {
        workers.shutdown();
    }
}
