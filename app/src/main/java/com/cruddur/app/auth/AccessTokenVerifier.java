package com.cruddur.app.auth;

import com.cruddur.kernel.Viewer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an {@code Authorization: Bearer <access token>} header into a {@link Viewer}. A token is accepted only
 * when it is RS256-signed by a key of the issuer's key set and its {@code iss}, {@code token_use = access},
 * {@code client_id} and times ({@code exp}, and {@code nbf}/{@code iat} when present, with {@link #LEEWAY})
 * all check out; the viewer is then its {@code sub}. Anything else leaves the request anonymous, and a token
 * that was sent but refused gets one log line with the reason (never the token). When the key set cannot be
 * fetched the viewer is {@link Viewer#unverifiable()}: reads go on, writes fail fast as unavailable.
 */
public final class AccessTokenVerifier implements ViewerResolver {

    static final Duration LEEWAY = Duration.ofSeconds(60);
    private static final int MAX_LOGGED_REASON = 200;
    private static final Logger log = LoggerFactory.getLogger(AccessTokenVerifier.class);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public AccessTokenVerifier(String issuer, String clientId, JWKSource<SecurityContext> keys) {
        this(issuer, clientId, keys, Clock.systemUTC());
    }

    AccessTokenVerifier(String issuer, String clientId, JWKSource<SecurityContext> keys, Clock clock) {
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new ClaimsVerifier(issuer, clientId, clock));
    }

    public static AccessTokenVerifier forCognito(CognitoUserPool pool) {
        return new AccessTokenVerifier(pool.issuer(), pool.clientId(), new PoolKeys(pool.jwksUri()));
    }

    @Override
    public Viewer resolve(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return Viewer.anonymous();
        }
        String[] schemeAndToken = authorizationHeader.strip().split("\\s+", 2);
        if (!schemeAndToken[0].equalsIgnoreCase("Bearer")) {
            log.info("ignored the Authorization header (the request proceeds anonymously): it is not a Bearer token");
            return Viewer.anonymous();
        }
        String token = schemeAndToken.length == 1 ? "" : schemeAndToken[1];
        if (token.isEmpty() || token.equals("null") || token.equals("undefined")) {
            return Viewer.anonymous(); // what a signed-out frontend sends
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            return Viewer.signedIn(claims.getSubject());
        } catch (KeySourceException e) {
            log.warn("could not verify an access token (reads proceed, writes are refused as unavailable): {}",
                    printable(e.getMessage()));
            return Viewer.unverifiable();
        } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException e) {
            log.info("rejected an access token (the request proceeds anonymously): {}", printable(e.getMessage()));
            return Viewer.anonymous();
        }
    }

    /** The reason may quote claim values, which the token's sender chose: keep it to one short line. */
    private static String printable(String reason) {
        String line = String.valueOf(reason).replaceAll("\\p{Cntrl}", "?");
        return line.length() <= MAX_LOGGED_REASON ? line : line.substring(0, MAX_LOGGED_REASON) + "...";
    }

    private static final class ClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

        private final Clock clock;

        ClaimsVerifier(String issuer, String clientId, Clock clock) {
            super(new JWTClaimsSet.Builder()
                            .issuer(issuer)
                            .claim("token_use", "access")
                            .claim("client_id", clientId)
                            .build(),
                    Set.of("sub", "exp"));
            this.clock = clock;
            setMaxClockSkew((int) LEEWAY.toSeconds());
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            super.verify(claims, context);
            Date issuedAt = claims.getIssueTime();
            if (issuedAt != null && issuedAt.toInstant().isAfter(clock.instant().plus(LEEWAY))) {
                throw new BadJWTException("JWT issued in the future");
            }
            String subject = claims.getSubject();
            if (subject == null || subject.isBlank()) {
                throw new BadJWTException("JWT sub claim is blank");
            }
        }

        @Override
        protected Date currentTime() {
            return Date.from(clock.instant());
        }
    }
}
