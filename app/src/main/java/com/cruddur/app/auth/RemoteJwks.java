package com.cruddur.app.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON Web Key Set fetched over HTTP (the Cognito pool's {@code jwks.json}) and cached. A token whose
 * {@code kid} is not in the cached set triggers one fetch (keys rotate), but fetches, successful or not, are at
 * least {@code minRefreshInterval} apart, so a stream of tokens with made-up key ids costs nothing downstream.
 * Every fetch is bounded by {@code fetchTimeout} end to end, and a request never waits longer than about that
 * for another request's fetch. When the set cannot be fetched, tokens it would have to check are reported as
 * unverifiable ({@link UnreachableKeysException}), never as valid.
 */
public final class RemoteJwks implements JWKSource<SecurityContext> {

    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);
    static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    /** After this long the cached set is refreshed, so a key the pool removed stops being accepted. */
    static final Duration MAX_AGE = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(RemoteJwks.class);

    private final URI uri;
    private final Duration fetchTimeout;
    private final Duration minRefreshInterval;
    private final Clock clock;
    private final HttpClient http;
    private final ReentrantLock fetching = new ReentrantLock();

    private volatile Fetched latest;
    // guarded by fetching
    private Instant lastAttempt;
    private boolean lastAttemptFailed;

    private record Fetched(JWKSet keys, Instant at) {
    }

    /** The thrown cause when the key set is needed but cannot be had: the token is unverifiable, not invalid. */
    public static final class UnreachableKeysException extends KeySourceException {
        UnreachableKeysException(String message) {
            super(message);
        }
    }

    public RemoteJwks(URI uri) {
        this(uri, FETCH_TIMEOUT, MIN_REFRESH_INTERVAL, Clock.systemUTC());
    }

    RemoteJwks(URI uri, Duration fetchTimeout, Duration minRefreshInterval, Clock clock) {
        this.uri = uri;
        this.fetchTimeout = fetchTimeout;
        this.minRefreshInterval = minRefreshInterval;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(fetchTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Fetched seen = latest;
        List<JWK> found = seen == null ? List.of() : selector.select(seen.keys());
        if (!found.isEmpty()) {
            if (clock.instant().isAfter(seen.at().plus(MAX_AGE)) && fetching.tryLock()) {
                try {
                    refreshUnlessRecent(seen);
                } catch (UnreachableKeysException e) {
                    return found; // the pool's keys rarely change: keep trusting the last set we had
                } finally {
                    fetching.unlock();
                }
                return selector.select(latest.keys());
            }
            return found;
        }
        try {
            if (!fetching.tryLock(fetchTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new UnreachableKeysException("timed out waiting for the key set from " + uri);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableKeysException("interrupted while waiting for the key set");
        }
        try {
            Fetched current = refreshUnlessRecent(seen);
            if (current == null) {
                throw new UnreachableKeysException("the key set from " + uri + " has not been fetched yet");
            }
            return selector.select(current.keys());
        } finally {
            fetching.unlock();
        }
    }

    /** With {@link #fetching} held: fetches the set unless someone did since {@code seen}, or tried too recently. */
    private Fetched refreshUnlessRecent(Fetched seen) throws UnreachableKeysException {
        if (latest != seen) {
            return latest;
        }
        Instant now = clock.instant();
        if (lastAttempt != null && now.isBefore(lastAttempt.plus(minRefreshInterval))) {
            if (lastAttemptFailed) {
                throw new UnreachableKeysException("the last fetch of the key set from " + uri + " failed");
            }
            return latest;
        }
        lastAttempt = now;
        lastAttemptFailed = true;
        JWKSet keys = fetch();
        lastAttemptFailed = false;
        latest = new Fetched(keys, now);
        log.info("fetched {} signing key(s) from {}", keys.size(), uri);
        return latest;
    }

    private JWKSet fetch() throws UnreachableKeysException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(fetchTimeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> answer = response.get(fetchTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (answer.statusCode() != 200) {
                throw unreachable("HTTP " + answer.statusCode());
            }
            return JWKSet.parse(new String(answer.body(), StandardCharsets.UTF_8)).toPublicJWKSet();
        } catch (TimeoutException e) {
            response.cancel(true);
            throw unreachable("no answer within " + fetchTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw unreachable(e.getCause() instanceof IOException io ? io.toString() : String.valueOf(e.getCause()));
        } catch (ParseException e) {
            throw unreachable("not a JSON Web Key Set: " + e.getMessage());
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw unreachable("interrupted");
        }
    }

    private UnreachableKeysException unreachable(String reason) {
        log.warn("could not fetch the signing keys from {}: {}", uri, reason);
        return new UnreachableKeysException("could not fetch the signing keys from " + uri + ": " + reason);
    }
}
