package com.cruddur.app.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** An HTTP request's wait for a slot: on its own thread, which also runs it; refused when none frees in time. */
class ExecutionQueueTest {

    private final List<String> shed = new CopyOnWriteArrayList<>();

    @Test
    void aRequestThatWaitsForASlotRunsOnItsOwnThreadOnceTheSlotFrees() throws Exception {
        try (ExecutionQueue queue = new ExecutionQueue(1, Duration.ofSeconds(10), shed::add)) {
            CompletableFuture<ExecutionResult> holding = new CompletableFuture<>();
            queue.runHere("first", "trace", () -> holding);
            CountDownLatch waiting = new CountDownLatch(1);
            Thread[] ranOn = new Thread[1];
            Thread requestThread = new Thread(() -> {
                waiting.countDown();
                queue.runHere("second", "trace", ranOn(ranOn)).join();
            });
            requestThread.start();
            waiting.await();
            Thread.sleep(100);
            assertThat(ranOn[0]).isNull();

            holding.complete(ExecutionResult.newExecutionResult().data("first").build());
            requestThread.join(TimeUnit.SECONDS.toMillis(10));

            assertThat(ranOn[0]).isSameAs(requestThread);
            assertThat(shed).isEmpty();
        }
    }

    @Test
    void aRequestThatFindsNoSlotWithinTheWaitIsAnsweredUnavailable() {
        try (ExecutionQueue queue = new ExecutionQueue(1, Duration.ofMillis(100), shed::add)) {
            queue.runHere("first", "trace", CompletableFuture::new);
            Thread[] ranOn = new Thread[1];

            ExecutionResult refused = queue.runHere("second", "trace-2", ranOn(ranOn)).join();

            assertThat(ranOn[0]).isNull();
            assertThat(refused.getErrors()).singleElement().satisfies(error -> assertThat(error.getExtensions())
                    .containsEntry("code", ErrorCodes.UNAVAILABLE).containsEntry("requestId", "second").containsEntry("traceId", "trace-2"));
            assertThat(shed).containsExactly("wait_timeout");
        }
    }

    @Test
    void aSlotIsGivenBackWhenTheWorkFailsToStart() {
        try (ExecutionQueue queue = new ExecutionQueue(1, Duration.ofMillis(100), shed::add)) {
            CompletableFuture<ExecutionResult> failed = queue.runHere("first", "trace", () -> {
                throw new IllegalStateException("no");
            });
            Thread[] ranOn = new Thread[1];

            queue.runHere("second", "trace", ranOn(ranOn)).join();

            assertThat(failed).isCompletedExceptionally();
            assertThat(ranOn[0]).isSameAs(Thread.currentThread());
        }
    }

    private static Supplier<CompletableFuture<ExecutionResult>> ranOn(Thread[] thread) {
        return () -> {
            thread[0] = Thread.currentThread();
            return CompletableFuture.completedFuture(ExecutionResult.newExecutionResult().data("ran").build());
        };
    }
}
