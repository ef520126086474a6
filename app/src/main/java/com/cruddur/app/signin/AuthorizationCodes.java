package com.cruddur.app.signin;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The codes the authorization endpoint handed out, kept in memory by their hash until they expire
 * ({@link #LIFETIME}). Each is redeemed at most once, whatever the outcome; a second try is noticed, so that
 * what the first one issued can be revoked (RFC 6749 §4.1.2).
 */
final class AuthorizationCodes {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final int SWEEP_ABOVE = 1_000;

    /** What a code stands for: who signed in, for which client, redirect URI and PKCE challenge. */
    record Grant(String clientId, URI redirectUri, CodeChallenge challenge, String cognitoUserId, String scope,
                 Instant authTime, String nonce, String sessionId, Instant expiresAt) {
    }

    private record Entry(Grant grant, boolean redeemed) {
    }

    private final Map<String, Entry> entriesByHash = new ConcurrentHashMap<>();
    private final Clock clock;

    AuthorizationCodes(Clock clock) {
        this.clock = clock;
    }

    String issue(String clientId, URI redirectUri, CodeChallenge challenge, String cognitoUserId, String scope,
                 Instant authTime, String nonce, String sessionId) {
        Instant now = clock.instant();
        if (entriesByHash.size() > SWEEP_ABOVE) {
            entriesByHash.values().removeIf(entry -> !entry.grant().expiresAt().isAfter(now));
        }
        String code = Secrets.random();
        entriesByHash.put(Secrets.sha256(code), new Entry(new Grant(clientId, redirectUri, challenge, cognitoUserId,
                scope, authTime, nonce, sessionId, now.plus(LIFETIME)), false));
        return code;
    }

    /** The id under which what a code's redemption issued is recorded: its hash, never the code itself. */
    static String id(String code) {
        return Secrets.sha256(code);
    }

    /**
     * The grant of an unexpired code on its first redemption; empty when the code is unknown, expired or was
     * redeemed before, and then {@code onReplay} gets the code's {@link #id}.
     */
    Optional<Grant> redeem(String code, Consumer<String> onReplay) {
        String id = id(code);
        Instant now = clock.instant();
        Grant[] first = new Grant[1];
        boolean[] replayed = new boolean[1];
        entriesByHash.computeIfPresent(id, (key, entry) -> {
            if (!entry.grant().expiresAt().isAfter(now)) {
                return null;
            }
            if (entry.redeemed()) {
                replayed[0] = true;
                return entry;
            }
            first[0] = entry.grant();
            return new Entry(entry.grant(), true);
        });
        if (replayed[0]) {
            onReplay.accept(id);
        }
        return Optional.ofNullable(first[0]);
    }
}
