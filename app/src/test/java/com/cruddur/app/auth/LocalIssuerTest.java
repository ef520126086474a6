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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalIssuerTest {

    @TempDir
    Path data;

    @Test
    void itsKeyIsMadeOnceKeptForItsOwnerOnlyAndReusedAfterARestart() throws Exception {
        Path keyFile = data.resolve("local-issuer/signing-key.jwk.json");

        LocalIssuer first = LocalIssuer.open(keyFile, false, false);
        String token = first.accessToken("MOCK-andrewbrown", "andrewbrown", Instant.now());
        LocalIssuer afterRestart = LocalIssuer.open(keyFile, false, false);

        assertThat(afterRestart.keyId()).isEqualTo(first.keyId());
        assertThat(afterRestart.verifier().resolve("Bearer " + token).cognitoUserId()).contains("MOCK-andrewbrown");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Files.list(keyFile.getParent())).containsExactly(keyFile);
    }

    @Test
    void itsTokensHaveTheShapeOfCognitoAccessTokens() throws Exception {
        LocalIssuer issuer = LocalIssuer.open(data.resolve("key.json"), false, false);

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
        LocalIssuer issuer = LocalIssuer.open(data.resolve("key.json"), false, false);

        JWKSet published = JWKSet.parse(issuer.publicJwks());

        assertThat(published.getKeys()).singleElement().satisfies(key -> {
            assertThat(key.getKeyID()).isEqualTo(issuer.keyId());
            assertThat(key.isPrivate()).isFalse();
        });
        assertThat(issuer.publicJwks()).doesNotContain("\"d\"", "\"p\"", "\"q\"");
    }

    @Test
    void anotherIssuersTokenIsNotAccepted() {
        LocalIssuer mine = LocalIssuer.open(data.resolve("mine.json"), false, false);
        LocalIssuer theirs = LocalIssuer.open(data.resolve("theirs.json"), false, false);

        assertThat(mine.verifier().resolve("Bearer " + theirs.accessToken("MOCK-londo", "londo", Instant.now())).cognitoUserId())
                .isEmpty();
    }

    @Test
    void itRefusesToRunInProductionOrBesideCognito() {
        Path keyFile = data.resolve("key.json");

        assertThatThrownBy(() -> LocalIssuer.open(keyFile, true, false)).hasMessageContaining("CRUDDUR_ENV=production");
        assertThatThrownBy(() -> LocalIssuer.open(keyFile, false, true)).hasMessageContaining("Cognito");
        assertThat(keyFile).doesNotExist();
    }
}
