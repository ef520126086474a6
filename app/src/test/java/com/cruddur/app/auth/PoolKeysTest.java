package com.cruddur.app.auth;

import static com.cruddur.app.auth.TokenFactory.accessToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.kernel.ServiceUnavailableException;
import com.cruddur.kernel.Viewer;
import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How the pool's key set is fetched, cached, refreshed and done without, seen through the verifier. The timings are
 * shortened (nimbus reads the system clock): fetches time out after 300 ms, at most two happen in 30 s (5 s where a
 * test waits for the next interval), and a set lasts 60 s, or 1.2 s where a test watches it grow old.
 */
class PoolKeysTest {

    private static final String SUB = "a-cognito-sub";
    private static final Duration FETCH_TIMEOUT = Duration.ofMillis(300);
    private static final PoolKeys.Timing LASTING = new PoolKeys.Timing(
            FETCH_TIMEOUT, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(60));
    private static final PoolKeys.Timing SHORT_INTERVAL = new PoolKeys.Timing(
            FETCH_TIMEOUT, Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(60));
    private static final PoolKeys.Timing AGING = new PoolKeys.Timing(
            FETCH_TIMEOUT, Duration.ofMillis(400), Duration.ofMillis(1200), Duration.ofMillis(100), Duration.ofSeconds(60));

    private static final RSAKey firstKey = TokenFactory.newKey("first");
    private static final RSAKey secondKey = TokenFactory.newKey("second");
    private final JwksServer jwks = new JwksServer();

    @AfterEach
    void stop() {
        jwks.close();
    }

    @Test
    void theKeySetIsFetchedOnceAndCached() {
        AccessTokenVerifier verifier = verifier(LASTING);
        jwks.serve(firstKey);

        for (int i = 0; i < 3; i++) {
            assertThat(resolve(verifier, firstKey).cognitoUserId()).contains(SUB);
        }
        assertThat(jwks.requests()).isEqualTo(1);
    }

    @Test
    void aRotatedInKeyIsFetchedOnce() {
        AccessTokenVerifier verifier = verifier(LASTING);
        jwks.serve(firstKey);
        resolve(verifier, firstKey);
        jwks.serve(firstKey, secondKey);

        assertThat(resolve(verifier, secondKey).cognitoUserId()).contains(SUB);
        assertThat(resolve(verifier, secondKey).cognitoUserId()).contains(SUB);
        assertThat(resolve(verifier, firstKey).cognitoUserId()).contains(SUB);
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void unknownKeyIdsCauseAtMostTwoFetchesPerIntervalAndAreRefused() throws InterruptedException {
        AccessTokenVerifier verifier = verifier(SHORT_INTERVAL);
        jwks.serve(firstKey);
        resolve(verifier, firstKey);

        for (int i = 0; i < 5; i++) {
            assertThat(resolveWithKid(verifier, "made-up-" + i).toString()).isEqualTo("Viewer[anonymous]");
        }
        assertThat(jwks.requests()).as("the first fetch and one refresh").isEqualTo(2);

        Thread.sleep(SHORT_INTERVAL.minRefreshInterval().plusMillis(200).toMillis());
        for (int i = 0; i < 5; i++) {
            assertThat(resolveWithKid(verifier, "made-up-again-" + i).toString()).isEqualTo("Viewer[anonymous]");
        }
        assertThat(jwks.requests()).isBetween(3, 4);
    }

    @Test
    void aKeyRemovedFromTheSetIsRefusedOnceTheCacheIsOld() throws InterruptedException {
        AccessTokenVerifier verifier = verifier(AGING);
        jwks.serve(firstKey);
        resolve(verifier, firstKey);
        jwks.serve(secondKey);
        Thread.sleep(AGING.maxAge().plusMillis(200).toMillis());

        assertThat(resolve(verifier, firstKey).toString()).isEqualTo("Viewer[anonymous]");
        assertThat(resolve(verifier, secondKey).cognitoUserId()).contains(SUB);
    }

    @Test
    void anOldCacheIsStillTrustedWhileTheKeySetCannotBeFetched() throws InterruptedException {
        AccessTokenVerifier verifier = verifier(AGING);
        jwks.serve(firstKey);
        resolve(verifier, firstKey);
        jwks.answerWith(500);
        Thread.sleep(AGING.maxAge().plusMillis(200).toMillis());

        assertThat(resolve(verifier, firstKey).cognitoUserId()).contains(SUB);
        assertThat(jwks.requests()).isGreaterThanOrEqualTo(2);
    }

    @Test
    @Timeout(10)
    void aHangingKeySetEndpointMakesTokensUnverifiableWithinTheFetchTimeout() {
        AccessTokenVerifier verifier = verifier(LASTING);
        jwks.serve(firstKey).hang();

        try (CapturedLog log = new CapturedLog(AccessTokenVerifier.class)) {
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                Viewer viewer = resolve(verifier, firstKey);

                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FETCH_TIMEOUT.multipliedBy(5));
                assertThat(viewer.cognitoUserId()).isEmpty();
                assertThatThrownBy(viewer::requireCognitoUserId).isInstanceOf(ServiceUnavailableException.class);
            }
            assertThat(log.lines()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("could not verify an access token"));
        }
        assertThat(jwks.requests()).as("at most two fetches in the interval").isEqualTo(2);
    }

    @Test
    void afterAFailedFetchTheNextTokenFetchesAgainAndSucceedsOnceTheEndpointAnswers() {
        AccessTokenVerifier verifier = verifier(LASTING);
        jwks.serve(firstKey).answerWith(503);
        assertThat(resolve(verifier, firstKey).toString()).isEqualTo("Viewer[unverifiable]");
        jwks.answerWith(200);

        assertThat(resolve(verifier, firstKey).cognitoUserId()).contains(SUB);
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void whileNoKeySetWasEverFetchedARateLimitedTokenIsUnverifiableNotRefused() {
        AccessTokenVerifier verifier = verifier(LASTING);
        jwks.serve(firstKey).answerWith(503);

        for (int i = 0; i < 3; i++) {
            assertThat(resolve(verifier, firstKey).toString()).isEqualTo("Viewer[unverifiable]");
        }
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void aResponseThatIsNotAKeySetIsAFailedFetch() {
        jwks.serveText("<html>Service Unavailable</html>");

        assertThat(resolve(verifier(LASTING), firstKey).toString()).isEqualTo("Viewer[unverifiable]");
    }

    private AccessTokenVerifier verifier(PoolKeys.Timing timing) {
        return new AccessTokenVerifier(TokenFactory.ISSUER, TokenFactory.CLIENT_ID, new PoolKeys(jwks.uri(), timing));
    }

    private static Viewer resolve(AccessTokenVerifier verifier, RSAKey key) {
        return verifier.resolve("Bearer " + accessToken(key, SUB, claims -> claims));
    }

    private static Viewer resolveWithKid(AccessTokenVerifier verifier, String kid) {
        return verifier.resolve("Bearer " + TokenFactory.sign(firstKey, kid, TokenFactory.accessClaims(SUB).build()));
    }
}
