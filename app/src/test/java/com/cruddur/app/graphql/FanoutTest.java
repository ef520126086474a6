package com.cruddur.app.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FanoutTest {

    /** Records each call's events; the first call can be held, as a socket write that takes long. */
    static final class Recorder implements Fanout.Recipient {
        final List<List<String>> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch firstCall = new CountDownLatch(1);
        final CountDownLatch release;

        Recorder(boolean holdFirstCall) {
            release = new CountDownLatch(holdFirstCall ? 1 : 0);
        }

        @Override
        public void next(List<String> resultJsons) {
            calls.add(List.copyOf(resultJsons));
            firstCall.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        List<String> all() {
            List<String> all = new ArrayList<>();
            calls.forEach(all::addAll);
            return all;
        }
    }

    @Test
    void aLaneThatFellBehindHandsEachRecipientAllItsWaitingEventsAtOnceInOrder() throws Exception {
        try (Fanout fanout = new Fanout(1)) {
            Fanout.Audience<Recorder> audience = fanout.new Audience<>();
            Recorder slow = new Recorder(true);
            Recorder other = new Recorder(false);
            audience.add(slow);
            audience.add(other);

            audience.deliver("1");
            assertThat(slow.firstCall.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 2; i <= 10; i++) {
                audience.deliver(String.valueOf(i));
            }
            slow.release.countDown();

            List<String> expected = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
            awaitAll(slow, expected);
            awaitAll(other, expected);
            assertThat(slow.calls).containsExactly(List.of("1"), expected.subList(1, 10));
        }
    }

    @Test
    void eachRecipientGetsEveryEventOnceInOrderWhicheverLaneItIsOn() throws Exception {
        try (Fanout fanout = new Fanout(3)) {
            Fanout.Audience<Recorder> audience = fanout.new Audience<>();
            List<Recorder> recorders = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Recorder recorder = new Recorder(false);
                recorders.add(recorder);
                audience.add(recorder);
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                expected.add(String.valueOf(i));
                audience.deliver(String.valueOf(i));
            }
            for (Recorder recorder : recorders) {
                awaitAll(recorder, expected);
            }
            Recorder gone = recorders.get(0);
            assertThat(audience.remove(gone)).isTrue();
            audience.deliver("after");
            awaitAll(recorders.get(1), append(expected, "after"));
            assertThat(gone.all()).isEqualTo(expected);
        }
    }

    private static List<String> append(List<String> list, String last) {
        List<String> longer = new ArrayList<>(list);
        longer.add(last);
        return longer;
    }

    private static void awaitAll(Recorder recorder, List<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (recorder.all().size() < expected.size() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(recorder.all()).isEqualTo(expected);
    }
}
