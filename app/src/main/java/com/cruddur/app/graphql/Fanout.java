package com.cruddur.app.graphql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes subscription events to their sockets on a few threads of its own ("lanes"), one per core, so that the thread
 * that reads the events never waits for thousands of socket writes, and the writes use every core. A member always
 * belongs to the same lane, so its events leave in order. A lane that has fallen behind takes every event waiting for
 * it at once and hands each member all of its events together, which the socket writes in one go.
 */
final class Fanout implements AutoCloseable {

    /** What a lane delivers to: a subscriber's next results, in order, already written as JSON. */
    interface Recipient {
        void next(List<String> resultJsons);
    }

    private static final Logger log = LoggerFactory.getLogger(Fanout.class);
    private static final int MOST_EVENTS_AT_ONCE = 64;

    private final Lane[] lanes;

    Fanout(int laneCount) {
        lanes = new Lane[laneCount];
        for (int i = 0; i < laneCount; i++) {
            lanes[i] = new Lane("graphql-ws-fanout-" + (i + 1));
        }
    }

    /** Recipients, split by lane; they may come and go while events are delivered. */
    final class Audience<R extends Recipient> {
        private final List<Set<R>> byLane = new ArrayList<>(lanes.length);

        Audience() {
            for (int i = 0; i < lanes.length; i++) {
                byLane.add(ConcurrentHashMap.newKeySet());
            }
        }

        void add(R recipient) {
            byLane.get(laneOf(recipient)).add(recipient);
        }

        boolean remove(R recipient) {
            return byLane.get(laneOf(recipient)).remove(recipient);
        }

        boolean isEmpty() {
            return byLane.stream().allMatch(Set::isEmpty);
        }

        /** Calls the action for every recipient, on the calling thread. */
        void forEach(Consumer<? super R> action) {
            byLane.forEach(recipients -> recipients.forEach(action));
        }

        /** Queues one event for every recipient; returns at once. */
        void deliver(String resultJson) {
            for (int i = 0; i < lanes.length; i++) {
                Set<? extends Recipient> recipients = byLane.get(i);
                if (!recipients.isEmpty()) {
                    lanes[i].queue.add(new Delivery(recipients, resultJson));
                }
            }
        }
    }

    private int laneOf(Recipient recipient) {
        return Math.floorMod(System.identityHashCode(recipient), lanes.length);
    }

    @Override
    public void close() {
        for (Lane lane : lanes) {
            lane.thread.interrupt();
        }
    }

    private record Delivery(Set<? extends Recipient> recipients, String resultJson) {
    }

    private static final class Lane {
        final BlockingQueue<Delivery> queue = new LinkedBlockingQueue<>();
        final Thread thread;

        Lane(String name) {
            thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            List<Delivery> waiting = new ArrayList<>();
            while (true) {
                try {
                    waiting.add(queue.take());
                } catch (InterruptedException e) {
                    return;
                }
                queue.drainTo(waiting, MOST_EVENTS_AT_ONCE - 1);
                if (waiting.size() == 1) {
                    Delivery delivery = waiting.get(0);
                    List<String> one = List.of(delivery.resultJson());
                    for (Recipient recipient : delivery.recipients()) {
                        hand(recipient, one);
                    }
                } else {
                    Map<Recipient, List<String>> each = new LinkedHashMap<>();
                    for (Delivery delivery : waiting) {
                        for (Recipient recipient : delivery.recipients()) {
                            each.computeIfAbsent(recipient, r -> new ArrayList<>(waiting.size())).add(delivery.resultJson());
                        }
                    }
                    each.forEach(Lane::hand);
                }
                waiting.clear();
            }
        }

        private static void hand(Recipient recipient, List<String> resultJsons) {
            try {
                recipient.next(resultJsons);
            } catch (RuntimeException e) {
                log.warn("delivering subscription events to one socket failed", e);
            }
        }
    }
}
