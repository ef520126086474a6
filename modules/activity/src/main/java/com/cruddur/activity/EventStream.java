package com.cruddur.activity;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * One subscriber's stream of events, honouring its demand: events it has not asked for yet wait in a bounded
 * buffer, and a subscriber that falls {@link #MAX_BUFFERED} behind gets an error instead of an ever-growing buffer.
 */
final class EventStream<T> implements Subscription {

    static final int MAX_BUFFERED = 1000;

    private final Subscriber<? super T> subscriber;
    private final Consumer<EventStream<T>> onEnd;
    private final ArrayDeque<T> buffered = new ArrayDeque<>();
    private long demand;
    private boolean ended;
    private boolean emitting;

    EventStream(Subscriber<? super T> subscriber, Consumer<EventStream<T>> onEnd) {
        this.subscriber = subscriber;
        this.onEnd = onEnd;
    }

    void start() {
        subscriber.onSubscribe(this);
    }

    void push(T event) {
        boolean overflow = false;
        synchronized (this) {
            if (ended) {
                return;
            }
            if (buffered.size() >= MAX_BUFFERED) {
                ended = true;
                overflow = true;
                buffered.clear();
            } else {
                buffered.add(event);
            }
        }
        if (overflow) {
            onEnd.accept(this);
            subscriber.onError(new IllegalStateException("the subscriber fell more than " + MAX_BUFFERED + " events behind"));
            return;
        }
        drain();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            cancel();
            subscriber.onError(new IllegalArgumentException("a subscriber must request a positive number of events"));
            return;
        }
        synchronized (this) {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        }
        drain();
    }

    @Override
    public void cancel() {
        synchronized (this) {
            ended = true;
            buffered.clear();
        }
        onEnd.accept(this);
    }

    /** Hands buffered events over while there is demand; one thread at a time, so events stay in order. */
    private void drain() {
        while (true) {
            T next;
            synchronized (this) {
                if (emitting || ended || demand == 0 || buffered.isEmpty()) {
                    return;
                }
                emitting = true;
                next = buffered.poll();
                demand--;
            }
            try {
                subscriber.onNext(next);
            } finally {
                synchronized (this) {
                    emitting = false;
                }
            }
        }
    }
}
