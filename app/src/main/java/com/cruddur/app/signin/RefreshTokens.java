package com.cruddur.app.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refresh tokens: opaque random values, of which only a SHA-256 hash is kept, each with an expiry and the
 * browser session it was issued in (so that signing out there revokes it). Kept in memory: a restart signs
 * everyone out, which is fine in development.
 */
final class RefreshTokens {

    static final Duration LIFETIME = Duration.ofDays(30);
    private static final int SWEEP_ABOVE = 1_000;

    /** {@code codeId}: the {@link AuthorizationCodes#id} of the code whose redemption issued the token. */
    record Grant(String clientId, String cognitoUserId, String scope, Instant authTime, String sessionId, String codeId,
                 Instant expiresAt) {
    }

    private final Map<String, Grant> grantsByHash = new ConcurrentHashMap<>();
    private final Clock clock;

    RefreshTokens(Clock clock) {
        this.clock = clock;
    }

    String issue(String clientId, String cognitoUserId, String scope, Instant authTime, String sessionId, String codeId) {
        Instant now = clock.instant();
        if (grantsByHash.size() > SWEEP_ABOVE) {
            grantsByHash.values().removeIf(grant -> !grant.expiresAt().isAfter(now));
        }
        String token = Secrets.random();
        grantsByHash.put(Secrets.sha256(token), new Grant(clientId, cognitoUserId, scope, authTime, sessionId, codeId,
                now.plus(LIFETIME)));
        return token;
    }

    /** The grant of a live token; empty when it is unknown, revoked or expired. */
    Optional<Grant> find(String token) {
        Grant grant = grantsByHash.get(Secrets.sha256(token));
        return grant == null || !grant.expiresAt().isAfter(clock.instant()) ? Optional.empty() : Optional.of(grant);
    }

    /** Revokes the token a code's redemption issued (the code was replayed: it may have been stolen). */
    int revokeIssuedFor(String codeId) {
        int before = grantsByHash.size();
        grantsByHash.values().removeIf(grant -> grant.codeId().equals(codeId));
        return before - grantsByHash.size();
    }

    /** Revokes every token this client was given in this browser session; returns how many. */
    int revoke(String clientId, String sessionId) {
        int before = grantsByHash.size();
        grantsByHash.values().removeIf(grant -> grant.clientId().equals(clientId) && grant.sessionId().equals(sessionId));
        return before - grantsByHash.size();
    }
}
