package com.cruddur.app.auth;

import com.cruddur.user.Account;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Development only: the server's own stand-in for Cognito, so that GraphiQL and scripts can sign in without an
 * AWS account. Its RSA key is generated once and kept in a file readable by its owner only; its tokens have the
 * shape of Cognito access tokens, and the server checks them with the same {@link AccessTokenVerifier}, with this
 * issuer and its public key in place of the pool's. It refuses to exist in production or beside Cognito.
 */
public final class LocalIssuer {

    /** An identifier, not an address: nothing is ever fetched from it. */
    public static final String ISSUER = "https://local-issuer.cruddur.invalid";
    public static final String CLIENT_ID = "cruddurlocaldevelopment";
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final RSAKey key;

    private LocalIssuer(RSAKey key) {
        this.key = key;
    }

    /**
     * The issuer whose key is {@code keyFile}, created on first use.
     *
     * @throws IllegalStateException in production or when a Cognito pool is configured
     */
    public static LocalIssuer open(Path keyFile, boolean production, boolean cognitoConfigured) {
        if (production) {
            throw new IllegalStateException("the local token issuer cannot run with CRUDDUR_ENV=production");
        }
        if (cognitoConfigured) {
            throw new IllegalStateException("the local token issuer cannot run when a Cognito user pool is configured "
                    + "(AWS_COGNITO_USER_POOL_ID)");
        }
        try {
            return new LocalIssuer(Files.exists(keyFile) ? read(keyFile) : create(keyFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the local issuer's key " + keyFile, e);
        }
    }

    public String keyId() {
        return key.getKeyID();
    }

    /** The public half of the key, as a JSON Web Key Set. */
    public String publicJwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** Checks tokens exactly as for Cognito, against this issuer and its public key. */
    public AccessTokenVerifier verifier() {
        return new AccessTokenVerifier(ISSUER, CLIENT_ID, new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())));
    }

    /** An access token for {@code sub}, with the claims a Cognito access token has (what {@code dev-token} prints). */
    public String accessToken(String sub, String username, Instant now) {
        return accessToken(sub, username, "aws.cognito.signin.user.admin", now, now);
    }

    /** An access token as Cognito's managed login issues it: for this scope, to a person who signed in at {@code authTime}. */
    public String accessToken(String sub, String username, String scope, Instant authTime, Instant now) {
        Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
        return sign(new JWTClaimsSet.Builder()
                .subject(sub)
                .issuer(ISSUER)
                .claim("client_id", CLIENT_ID)
                .claim("origin_jti", UUID.randomUUID().toString())
                .claim("event_id", UUID.randomUUID().toString())
                .claim("token_use", "access")
                .claim("scope", scope)
                .claim("auth_time", authTime.getEpochSecond())
                .expirationTime(Date.from(issuedAt.plus(TOKEN_LIFETIME)))
                .issueTime(Date.from(issuedAt))
                .jwtID(UUID.randomUUID().toString())
                .claim("username", username)
                .build());
    }

    /**
     * An OpenID Connect id token with Cognito's claims: who signed in, for the app client as audience. It is not an
     * access token ({@code token_use = id}, no {@code client_id}): {@code /graphql} refuses it.
     */
    public String idToken(Account account, Instant authTime, Instant now, String nonce) {
        Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(account.cognitoUserId())
                .issuer(ISSUER)
                .audience(CLIENT_ID)
                .claim("email_verified", true)
                .claim("cognito:username", account.handle())
                .claim("preferred_username", account.handle())
                .claim("origin_jti", UUID.randomUUID().toString())
                .claim("event_id", UUID.randomUUID().toString())
                .claim("token_use", "id")
                .claim("auth_time", authTime.getEpochSecond())
                .claim("name", account.displayName())
                .claim("email", account.email())
                .expirationTime(Date.from(issuedAt.plus(TOKEN_LIFETIME)))
                .issueTime(Date.from(issuedAt))
                .jwtID(UUID.randomUUID().toString());
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        return sign(claims.build());
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            token.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("the local issuer could not sign a token", e);
        }
        return token.serialize();
    }

    private static RSAKey read(Path keyFile) throws IOException {
        try {
            return RSAKey.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IllegalStateException("the local issuer's key file " + keyFile + " is not an RSA JSON Web Key; "
                    + "delete it to have a new key made", e);
        }
    }

    private static RSAKey create(Path keyFile) throws IOException {
        RSAKey key;
        try {
            key = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate the local issuer's key", e);
        }
        Path directory = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        FileAttribute<?>[] ownerOnly = directory.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path draft = Files.createTempFile(directory, "signing-key", ".tmp", ownerOnly);
        try {
            Files.writeString(draft, key.toJSONString(), StandardCharsets.UTF_8);
            Files.move(draft, keyFile);
            return key;
        } catch (FileAlreadyExistsException e) {
            return read(keyFile); // another process made it first: use theirs
        } finally {
            Files.deleteIfExists(draft);
        }
    }
}
