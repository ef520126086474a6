package com.cruddur.user;

import org.jdbi.v3.core.mapper.Nested;

/** A user and how many activities (replies and expired ones included) they have posted. */
public record UserWithCrudsCount(@Nested User user, int crudsCount) {
}
