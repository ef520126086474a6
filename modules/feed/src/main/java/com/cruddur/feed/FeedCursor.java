package com.cruddur.feed;

import com.cruddur.kernel.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in a list ordered by {@code (created_at, uuid)}: the key of the last row a page returned.
 * Clients see it as an opaque string; it keeps the timestamp to the nanosecond so no row is skipped or repeated.
 */
record FeedCursor(Instant createdAt, UUID uuid) {

    private static final String VERSION = "v1";
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    String encode() {
        String key = VERSION + ":" + createdAt.getEpochSecond() + ":" + createdAt.getNano() + ":" + uuid;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    static FeedCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            if (parts.length != 4 || !parts[0].equals(VERSION)) {
                throw new IllegalArgumentException("unknown cursor format");
            }
            long nanos = Long.parseLong(parts[2]);
            Instant createdAt = Instant.ofEpochSecond(Long.parseLong(parts[1]), nanos);
            // Every row's created_at lies in years 1 to 9999; a key outside would not bind to a timestamptz.
            if (nanos < 0 || nanos > 999_999_999 || createdAt.isBefore(EARLIEST) || createdAt.isAfter(LATEST)) {
                throw new IllegalArgumentException("cursor out of range");
            }
            return new FeedCursor(createdAt, UUID.fromString(parts[3]));
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            throw new InvalidArgumentException("after is not a cursor this API returned");
        }
    }
}
