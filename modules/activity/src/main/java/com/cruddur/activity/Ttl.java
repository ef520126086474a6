package com.cruddur.activity;

import java.time.Duration;

/** How long a crud stays up: the reference's choices. */
public enum Ttl {
    THIRTY_DAYS(Duration.ofDays(30)),
    SEVEN_DAYS(Duration.ofDays(7)),
    THREE_DAYS(Duration.ofDays(3)),
    ONE_DAY(Duration.ofDays(1)),
    TWELVE_HOURS(Duration.ofHours(12)),
    THREE_HOURS(Duration.ofHours(3)),
    ONE_HOUR(Duration.ofHours(1));

    private final Duration duration;

    Ttl(Duration duration) {
        this.duration = duration;
    }

    public Duration duration() {
        return duration;
    }
}
