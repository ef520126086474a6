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
            return new FeedCursor(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
                    UUID.fromString(parts[3]));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new InvalidArgumentException("after is not a cursor this API returned");
        }
    }
}
