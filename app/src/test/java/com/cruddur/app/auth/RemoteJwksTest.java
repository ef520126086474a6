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

/** How the pool's key set is fetched, cached, refreshed and done without. The clock moves by hand. */
class RemoteJwksTest {

    private static final String SUB = "a-cognito-sub";
    private static final Duration FETCH_TIMEOUT = Duration.ofMillis(300);

    private static final RSAKey firstKey = TokenFactory.newKey("first");
    private static final RSAKey secondKey = TokenFactory.newKey("second");
    private final JwksServer jwks = new JwksServer();
    private final MutableClock clock = new MutableClock();
    private final AccessTokenVerifier verifier = new AccessTokenVerifier(TokenFactory.ISSUER, TokenFactory.CLIENT_ID,
            new RemoteJwks(jwks.uri(), FETCH_TIMEOUT, RemoteJwks.MIN_REFRESH_INTERVAL, clock), clock);

    @AfterEach
    void stop() {
        jwks.close();
    }

    @Test
    void theKeySetIsFetchedOnceAndCached() {
        jwks.serve(firstKey);

        for (int i = 0; i < 3; i++) {
            assertThat(resolve(firstKey).cognitoUserId()).contains(SUB);
        }
        assertThat(jwks.requests()).isEqualTo(1);
    }

    @Test
    void aRotatedInKeyIsFetchedOnce() {
        jwks.serve(firstKey);
        resolve(firstKey);
        jwks.serve(firstKey, secondKey);
        clock.advance(RemoteJwks.MIN_REFRESH_INTERVAL);

        assertThat(resolve(secondKey).cognitoUserId()).contains(SUB);
        assertThat(resolve(secondKey).cognitoUserId()).contains(SUB);
        assertThat(resolve(firstKey).cognitoUserId()).contains(SUB);
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void unknownKeyIdsCauseAtMostOneFetchPerInterval() {
        jwks.serve(firstKey);
        resolve(firstKey);

        for (int i = 0; i < 5; i++) {
            assertThat(resolveWithKid("made-up-" + i).toString()).isEqualTo("Viewer[anonymous]");
        }
        assertThat(jwks.requests()).as("the first fetch was just now").isEqualTo(1);

        clock.advance(RemoteJwks.MIN_REFRESH_INTERVAL);
        for (int i = 0; i < 5; i++) {
            resolveWithKid("made-up-again-" + i);
        }
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void aKeyRemovedFromTheSetIsRefusedOnceTheCacheIsOld() {
        jwks.serve(firstKey);
        resolve(firstKey);
        jwks.serve(secondKey);
        clock.advance(RemoteJwks.MAX_AGE.plusSeconds(1));

        assertThat(resolve(firstKey).toString()).isEqualTo("Viewer[anonymous]");
        assertThat(resolve(secondKey).cognitoUserId()).contains(SUB);
    }

    @Test
    void anOldCacheIsStillTrustedWhileTheKeySetCannotBeFetched() {
        jwks.serve(firstKey);
        resolve(firstKey);
        jwks.answerWith(500);
        clock.advance(RemoteJwks.MAX_AGE.plusSeconds(1));

        assertThat(resolve(firstKey).cognitoUserId()).contains(SUB);
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    @Timeout(10)
    void aHangingKeySetEndpointMakesTokensUnverifiableWithinTheFetchTimeout() {
        jwks.serve(firstKey).hang();

        try (CapturedLog log = new CapturedLog(AccessTokenVerifier.class)) {
            Viewer first = resolve(firstKey);
            Viewer next = resolve(firstKey);

            for (Viewer viewer : new Viewer[] {first, next}) {
                assertThat(viewer.cognitoUserId()).isEmpty();
                assertThatThrownBy(viewer::requireCognitoUserId).isInstanceOf(ServiceUnavailableException.class);
            }
            assertThat(log.lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("could not verify an access token"));
        }
        assertThat(jwks.requests()).as("the second token did not wait for a second fetch").isEqualTo(1);
    }

    @Test
    void afterAFailedFetchTheNextAttemptWaitsForTheIntervalThenSucceeds() {
        jwks.serve(firstKey).answerWith(503);
        assertThat(resolve(firstKey).toString()).isEqualTo("Viewer[unverifiable]");
        jwks.answerWith(200);
        assertThat(resolve(firstKey).toString()).isEqualTo("Viewer[unverifiable]");

        clock.advance(RemoteJwks.MIN_REFRESH_INTERVAL);

        assertThat(resolve(firstKey).cognitoUserId()).contains(SUB);
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void aResponseThatIsNotAKeySetIsAFailedFetch() {
        jwks.serveText("<html>Service Unavailable</html>");

        assertThat(resolve(firstKey).toString()).isEqualTo("Viewer[unverifiable]");
    }

    private Viewer resolve(RSAKey key) {
        return verifier.resolve("Bearer " + accessToken(key, SUB, claims -> claims));
    }

    private Viewer resolveWithKid(String kid) {
        return verifier.resolve("Bearer " + TokenFactory.sign(firstKey, kid, TokenFactory.accessClaims(SUB).build()));
    }
}
