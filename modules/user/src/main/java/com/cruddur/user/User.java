package com.cruddur.user;

import java.time.Instant;
import java.util.UUID;

/** A Cruddur user as the API shows it. The email is deliberately absent: no field ever exposes it. */
public record User(UUID uuid, String handle, String displayName, String bio, Instant createdAt) {
}
