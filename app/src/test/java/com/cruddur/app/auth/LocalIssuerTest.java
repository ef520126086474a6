package com.cruddur.app.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalIssuerTest {

    @TempDir
    static Path data;

    private Path keyFile;
    private LocalIssuer issuer;

    @BeforeAll
    void makeTheKey() {
        keyFile = data.resolve("local-issuer/signing-key.jwk.json");
        issuer = LocalIssuer.open(keyFile, false, false);
    }

    @Test
    void itsKeyIsMadeOnceKeptForItsOwnerOnlyAndReusedAfterARestart() throws Exception {
        String token = issuer.accessToken("MOCK-andrewbrown", "andrewbrown", Instant.now());
        LocalIssuer afterRestart = LocalIssuer.open(keyFile, false, false);

        assertThat(afterRestart.keyId()).isEqualTo(issuer.keyId());
        assertThat(afterRestart.verifier().resolve("Bearer " + token).cognitoUserId()).contains("MOCK-andrewbrown");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(keyFile.getParent().toFile().list()).as("no draft left behind").containsExactly("signing-key.jwk.json");
    }

    @Test
    void itsTokensHaveTheShapeOfCognitoAccessTokens() throws Exception {
        SignedJWT token = SignedJWT.parse(issuer.accessToken("MOCK-bayko", "bayko", Instant.now()));

        assertThat(token.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(token.getHeader().getKeyID()).isEqualTo(issuer.keyId());
        assertThat(token.getJWTClaimsSet().getClaims()).containsKeys(
                "sub", "iss", "client_id", "origin_jti", "event_id", "token_use", "scope", "auth_time", "exp", "iat", "jti", "username");
        assertThat(token.getJWTClaimsSet().getClaims()).contains(
                Map.entry("sub", "MOCK-bayko"), Map.entry("token_use", "access"), Map.entry("username", "bayko"),
                Map.entry("iss", LocalIssuer.ISSUER), Map.entry("client_id", LocalIssuer.CLIENT_ID));
    }

    @Test
    void itsPublishedKeySetHoldsNoPrivatePart() throws Exception {
        JWKSet published = JWKSet.parse(issuer.publicJwks());

        assertThat(published.getKeys()).singleElement().satisfies(key -> {
            assertThat(key.getKeyID()).isEqualTo(issuer.keyId());
            assertThat(key.isPrivate()).isFalse();
        });
        assertThat(issuer.publicJwks()).doesNotContain("\"d\"", "\"p\"", "\"q\"");
    }

    @Test
    void anotherIssuersTokenIsNotAccepted() {
        LocalIssuer theirs = LocalIssuer.open(data.resolve("elsewhere/signing-key.jwk.json"), false, false);

        assertThat(issuer.verifier().resolve("Bearer " + theirs.accessToken("MOCK-londo", "londo", Instant.now())).cognitoUserId())
                .isEmpty();
    }

    @Test
    void itRefusesToRunInProductionOrBesideCognito() {
        Path unused = data.resolve("refused/signing-key.jwk.json");

        assertThatThrownBy(() -> LocalIssuer.open(unused, true, false)).hasMessageContaining("CRUDDUR_ENV=production");
        assertThatThrownBy(() -> LocalIssuer.open(unused, false, true)).hasMessageContaining("Cognito");
        assertThat(unused.getParent()).doesNotExist();
    }
}
