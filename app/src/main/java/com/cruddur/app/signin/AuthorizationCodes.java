package com.cruddur.app.signin;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The codes the authorization endpoint handed out and the token endpoint has not redeemed: each is redeemed at
 * most once (whatever the outcome), and not after {@link #LIFETIME}. Kept in memory.
 */
final class AuthorizationCodes {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final int SWEEP_ABOVE = 1_000;

    /** What a code stands for: who signed in, for which client, redirect URI and PKCE challenge. */
    record Grant(String clientId, URI redirectUri, CodeChallenge challenge, String cognitoUserId, String scope,
                 Instant authTime, String nonce, String sessionId, Instant expiresAt) {
    }

    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Clock clock;

    AuthorizationCodes(Clock clock) {
        this.clock = clock;
    }

    String issue(String clientId, URI redirectUri, CodeChallenge challenge, String cognitoUserId, String scope,
                 Instant authTime, String nonce, String sessionId) {
        Instant now = clock.instant();
        if (grants.size() > SWEEP_ABOVE) {
            grants.values().removeIf(grant -> !grant.expiresAt().isAfter(now));
        }
        String code = Secrets.random();
        grants.put(code, new Grant(clientId, redirectUri, challenge, cognitoUserId, scope, authTime, nonce, sessionId,
                now.plus(LIFETIME)));
        return code;
    }

    /** The grant of an unexpired code, which is then gone; empty when the code is unknown, used or expired. */
    Optional<Grant> redeem(String code) {
        Grant grant = grants.remove(code);
        return grant == null || !grant.expiresAt().isAfter(clock.instant()) ? Optional.empty() : Optional.of(grant);
    }
}
