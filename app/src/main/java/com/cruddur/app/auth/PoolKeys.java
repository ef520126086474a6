package com.cruddur.app.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cognito pool's signing keys (its {@code jwks.json}), fetched and kept by nimbus-jose-jwt's
 * {@link JWKSourceBuilder}: cached for {@code maxAge} and refreshed ahead of its expiry; a token whose {@code kid}
 * the cached set lacks triggers a refresh (keys rotate), at most two fetches per {@code minRefreshInterval} whatever
 * the tokens; each fetch bounded by {@code fetchTimeout}; and while the endpoint fails, the last set it served is
 * trusted for {@code outageTolerance}. When the set is needed but cannot be had, {@link #get} throws a
 * {@link KeySourceException}: the token is unverifiable, never valid. A {@code kid} that the set lacks while
 * refreshes are rate limited is simply no key: the token is refused.
 */
public final class PoolKeys implements JWKSource<SecurityContext> {

    /**
     * @param fetchTimeout       connecting, and each read of the response
     * @param minRefreshInterval the window in which at most two fetches happen
     * @param maxAge             how long a fetched set is used before it is fetched again (so a removed key stops
     *                           being accepted)
     * @param refreshAhead       how long before {@code maxAge} a use of the set starts fetching the next one
     * @param outageTolerance    how long the last fetched set is trusted while the endpoint fails
     */
    public record Timing(Duration fetchTimeout, Duration minRefreshInterval, Duration maxAge, Duration refreshAhead,
                         Duration outageTolerance) {
    }

    public static final Timing DEFAULT = new Timing(
            Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(1));

    private static final int MAX_KEY_SET_BYTES = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(PoolKeys.class);

    private final JWKSource<SecurityContext> keys;
    private volatile boolean fetchedOnce;

    public PoolKeys(URI uri) {
        this(uri, DEFAULT);
    }

    public PoolKeys(URI uri, Timing timing) {
        int timeout = (int) timing.fetchTimeout().toMillis();
        try {
            this.keys = JWKSourceBuilder.create(uri.toURL(), new DefaultResourceRetriever(timeout, timeout, MAX_KEY_SET_BYTES))
                    .cache(timing.maxAge().toMillis(), timing.fetchTimeout().toMillis(), event -> {
                        if (event instanceof CachingJWKSetSource.RefreshCompletedEvent<?> completed) {
                            fetchedOnce = true;
                            log.info("fetched {} signing key(s) from {}", completed.getJWKSet().size(), uri);
                        } else if (event instanceof CachingJWKSetSource.UnableToRefreshEvent<?>) {
                            log.warn("could not fetch the signing keys from {}", uri);
                        }
                    })
                    .refreshAheadCache(timing.refreshAhead().toMillis(), false)
                    .rateLimited(timing.minRefreshInterval().toMillis())
                    .outageTolerant(timing.outageTolerance().toMillis())
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a key set URL: " + uri, e);
        }
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        try {
            return keys.get(selector, context);
        } catch (RateLimitReachedException e) {
            if (fetchedOnce) {
                return List.of();
            }
            throw e;
        }
    }
}
