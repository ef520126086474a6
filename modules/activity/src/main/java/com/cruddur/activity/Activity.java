package com.cruddur.activity;

import java.time.Instant;
import java.util.UUID;

/** A crud (or a reply to one) as stored. {@code expiresAt} is null for replies and cruds that never expire. */
public record Activity(
        UUID uuid,
        UUID userUuid,
        String message,
        int repliesCount,
        int repostsCount,
        int likesCount,
        UUID replyToActivityUuid,
        Instant expiresAt,
        Instant createdAt) {
}
