package com.cruddur.app.auth;

import static com.cruddur.app.auth.TokenFactory.accessToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.kernel.ServiceUnavailableException;
import com.cruddur.kernel.UnauthenticatedException;
import com.cruddur.kernel.Viewer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Each way a Cognito access token can be wrong, against a key set served over HTTP like the pool's. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessTokenVerifierTest {

    private static final String SUB = "6c5f8b1e-1d2a-4c3b-9e8f-0a1b2c3d4e5f";

    private final RSAKey poolKey = TokenFactory.newKey("pool-key-1");
    private JwksServer jwks;
    private AccessTokenVerifier verifier;

    @BeforeAll
    void serveThePoolKeys() {
        jwks = new JwksServer().serve(poolKey);
        verifier = new AccessTokenVerifier(TokenFactory.ISSUER, TokenFactory.CLIENT_ID, new PoolKeys(jwks.uri()));
    }

    @AfterAll
    void stop() {
        jwks.close();
    }

    @Test
    void aValidAccessTokenIsItsSub() {
        Viewer viewer = verifier.resolve("Bearer " + accessToken(poolKey, SUB, claims -> claims));

        assertThat(viewer.cognitoUserId()).contains(SUB);
    }

    @Test
    void theSchemeIsCaseInsensitiveAndSurroundingSpaceIsIgnored() {
        assertThat(verifier.resolve("  bearer  " + accessToken(poolKey, SUB, claims -> claims) + " ").cognitoUserId()).contains(SUB);
    }

    @Test
    void clocksMayDisagreeByUpToAMinute() {
        Instant now = Instant.now();
        String justExpired = accessToken(poolKey, SUB, claims -> claims.expirationTime(Date.from(now.minusSeconds(30))));
        String issuedJustAhead = accessToken(poolKey, SUB, claims -> claims
                .issueTime(Date.from(now.plusSeconds(30))).notBeforeTime(Date.from(now.plusSeconds(30))));

        assertThat(verifier.resolve("Bearer " + justExpired).cognitoUserId()).contains(SUB);
        assertThat(verifier.resolve("Bearer " + issuedJustAhead).cognitoUserId()).contains(SUB);
    }

    @Test
    void noHeaderBearerNullOrAnEmptyOneIsAnonymousWithoutALogLine() {
        try (CapturedLog log = new CapturedLog(AccessTokenVerifier.class)) {
            for (String header : new String[] {null, "", "   ", "Bearer null", "Bearer undefined", "Bearer ", "Bearer"}) {
                assertAnonymous(verifier.resolve(header));
            }
            assertThat(log.lines()).isEmpty();
        }
    }

    @Test
    void aGarbledHeaderIsAnonymousAndSaysWhy() {
        try (CapturedLog log = new CapturedLog(AccessTokenVerifier.class)) {
            assertAnonymous(verifier.resolve("Basic dXNlcjpwYXNz"));
            assertAnonymous(verifier.resolve("Bearer not-a-token"));
            assertAnonymous(verifier.resolve("Bearer a.b.c"));
            assertAnonymous(verifier.resolve("Bearer \u0000\n.\u0007"));

            assertThat(log.lines()).hasSize(4).allSatisfy(line -> assertThat(line).doesNotContain("\n"));
        }
    }

    @Test
    void anUnsecuredTokenIsRejected() {
        String none = new PlainJWT(new PlainHeader(), TokenFactory.accessClaims(SUB).build()).serialize();

        assertRejected(none, "");
    }

    @Test
    void anHs256TokenIsRejectedEvenWhenItsSecretIsThePublicKey() throws JOSEException {
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(poolKey.getKeyID()).build(),
                TokenFactory.accessClaims(SUB).build());
        token.sign(new MACSigner(poolKey.toPublicJWK().toJSONString().repeat(2).getBytes()));

        assertRejected(token.serialize(), "algorithm");
    }

    @Test
    void aForeignKeyReusingAKnownKidIsRejected() {
        RSAKey impostor = TokenFactory.newKey(poolKey.getKeyID());

        assertRejected(accessToken(impostor, SUB, claims -> claims), "signature");
    }

    @Test
    void anotherIssuerIsRejected() {
        assertRejected(accessToken(poolKey, SUB, claims -> claims.issuer(TokenFactory.ISSUER + "x")), "iss");
    }

    @Test
    void anIdTokenIsRejected() {
        assertRejected(accessToken(poolKey, SUB, claims -> claims.claim("token_use", "id")), "token_use");
    }

    @Test
    void anotherAppClientIsRejected() {
        assertRejected(accessToken(poolKey, SUB, claims -> claims.claim("client_id", "otherclient")), "client_id");
    }

    @Test
    void aTokenExpiredBeyondTheLeewayIsRejected() {
        assertRejected(accessToken(poolKey, SUB, at(Duration.ofMinutes(-2), (claims, when) -> claims.expirationTime(when))), "Expired");
    }

    @Test
    void aTokenNotYetValidIsRejected() {
        assertRejected(accessToken(poolKey, SUB, at(Duration.ofMinutes(2), (claims, when) -> claims.notBeforeTime(when))), "before");
    }

    @Test
    void aTokenIssuedInTheFutureIsRejected() {
        assertRejected(accessToken(poolKey, SUB, at(Duration.ofMinutes(2), (claims, when) -> claims.issueTime(when))), "future");
    }

    @Test
    void aTokenWithoutSubOrExpiryIsRejected() {
        assertRejected(accessToken(poolKey, SUB, claims -> claims.subject(null)), "sub");
        assertRejected(accessToken(poolKey, SUB, claims -> claims.subject(" ")), "sub");
        assertRejected(accessToken(poolKey, SUB, claims -> claims.expirationTime(null)), "exp");
    }

    @Test
    void writesWithoutAValidTokenAreUnauthenticated() {
        Viewer viewer = verifier.resolve("Bearer " + accessToken(poolKey, SUB, claims -> claims.claim("token_use", "id")));

        assertThatThrownBy(viewer::requireCognitoUserId).isInstanceOf(UnauthenticatedException.class)
                .isNotInstanceOf(ServiceUnavailableException.class);
    }

    private void assertRejected(String token, String reason) {
        try (CapturedLog log = new CapturedLog(AccessTokenVerifier.class)) {
            assertAnonymous(verifier.resolve("Bearer " + token));

            assertThat(log.lines()).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("rejected an access token")
                    .contains(reason)
                    .doesNotContain(token.split("\\.")[1])); // the claims, let alone the whole token
        }
    }

    private static void assertAnonymous(Viewer viewer) {
        assertThat(viewer.cognitoUserId()).isEmpty();
        assertThat(viewer.toString()).isEqualTo("Viewer[anonymous]");
    }

    private interface ClaimAt {
        JWTClaimsSet.Builder set(JWTClaimsSet.Builder claims, Date when);
    }

    private static UnaryOperator<JWTClaimsSet.Builder> at(Duration fromNow, ClaimAt claim) {
        return claims -> claim.set(claims, Date.from(Instant.now().plus(fromNow)));
    }
}
