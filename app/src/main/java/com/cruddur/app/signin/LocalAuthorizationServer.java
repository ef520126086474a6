package com.cruddur.app.signin;

import com.cruddur.app.auth.LocalIssuer;
import com.cruddur.user.Account;
import com.cruddur.user.SignUp;
import com.cruddur.user.SignUpRejectedException;
import com.cruddur.user.Users;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development only: the local issuer as an OAuth 2.0 authorization server with Cognito's managed-login endpoints,
 * so that a browser client signs in the same way here as against Cognito. Authorization code with PKCE (S256)
 * only, one public app client ({@link LocalIssuer#CLIENT_ID}) and its registered redirect URIs, compared exactly.
 * The protocol's requests, responses and errors are nimbus oauth2-oidc-sdk's.
 */
public final class LocalAuthorizationServer {

    static final String ANTI_FORGERY_FIELD = "csrf_token";
    static final String BROWSER_COOKIE = "cruddur_signin_browser";
    static final String SESSION_COOKIE = "cruddur_signin_session";
    private static final Set<String> PAGE_FIELDS = Set.of(ANTI_FORGERY_FIELD, "action", "handle", "name", "email");
    private static final Scope SUPPORTED_SCOPES = Scope.parse(SignInConfig.SCOPES);
    private static final Set<GrantType> SUPPORTED_GRANTS = Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN);
    private static final int LISTED_ACCOUNTS = 100;
    private static final Logger log = LoggerFactory.getLogger(LocalAuthorizationServer.class);

    private final LocalIssuer issuer;
    private final Users users;
    private final SignInSettings settings;
    private final Clock clock;
    private final AuthorizationCodes codes;
    private final RefreshTokens refreshTokens;
    private final AntiForgery antiForgery;

    public LocalAuthorizationServer(LocalIssuer issuer, Users users, SignInSettings settings, Clock clock) {
        this.issuer = issuer;
        this.users = users;
        this.settings = settings;
        this.clock = clock;
        this.codes = new AuthorizationCodes(clock);
        this.refreshTokens = new RefreshTokens(clock);
        this.antiForgery = new AntiForgery(clock);
    }

    /** Before every response of these endpoints: nothing of them may be stored by a browser or a proxy. */
    public static void noStore(Context ctx) {
        ctx.header(Header.CACHE_CONTROL, "no-store").header("Pragma", "no-cache");
    }

    /** {@code GET /oauth2/authorize}: the sign-in page for a valid request. */
    public void authorizePage(Context ctx) {
        Optional<AuthorizationRequest> request = validRequest(ctx, ctx.queryParamMap());
        if (request.isPresent()) {
            renderPage(ctx, HttpStatus.OK, request.get(), SignInPage.SignInForm.EMPTY, SignInPage.SignUpForm.EMPTY);
        }
    }

    /** {@code POST /oauth2/authorize}: signing in as a handle, or signing up, then back to the client with a code. */
    public void authorizeSubmit(Context ctx) {
        Map<String, List<String>> form = ctx.formParamMap();
        Map<String, List<String>> requestParameters = new LinkedHashMap<>(form);
        requestParameters.keySet().removeAll(PAGE_FIELDS);
        Optional<AuthorizationRequest> validated = validRequest(ctx, requestParameters);
        if (validated.isEmpty()) {
            return;
        }
        AuthorizationRequest request = validated.get();
        if (!antiForgery.accepts(ctx.formParam(ANTI_FORGERY_FIELD), ctx.cookie(BROWSER_COOKIE), request.toParameters())) {
            log.info("refused a sign-in form without a valid anti-forgery token");
            errorPage(ctx, HttpStatus.FORBIDDEN, "This sign-in form is not valid",
                    "The form was not served to this browser for this sign-in, or it is over an hour old. "
                            + "Go back to the app and sign in again.");
            return;
        }
        String handle = Optional.ofNullable(ctx.formParam("handle")).orElse("");
        Account account;
        try {
            if ("sign_up".equals(ctx.formParam("action"))) {
                String name = Optional.ofNullable(ctx.formParam("name")).orElse("");
                String email = Optional.ofNullable(ctx.formParam("email")).orElse("");
                account = signUp(handle, name, email);
            } else {
                Optional<Account> found = users.accountByHandle(handle.strip());
                if (found.isEmpty()) {
                    renderPage(ctx, HttpStatus.BAD_REQUEST, request, new SignInPage.SignInForm(handle, "user_not_found"),
                            SignInPage.SignUpForm.EMPTY);
                    return;
                }
                account = found.get();
            }
        } catch (SignUpRejectedException e) {
            String code = e.code();
            renderPage(ctx, HttpStatus.BAD_REQUEST, request, SignInPage.SignInForm.EMPTY, new SignInPage.SignUpForm(
                    handle, Optional.ofNullable(ctx.formParam("name")).orElse(""),
                    Optional.ofNullable(ctx.formParam("email")).orElse(""), Map.of(SignUpMessages.field(code), code)));
            return;
        } catch (JdbiException e) {
            log.warn("sign-in page: the database failed: {}", e.getClass().getSimpleName());
            errorPage(ctx, HttpStatus.SERVICE_UNAVAILABLE, "Try again", SignUpMessages.message("database_unavailable"));
            return;
        }
        String sessionId = ctx.cookie(SESSION_COOKIE);
        if (sessionId == null || sessionId.isBlank()) {
            sessionId = Secrets.random();
            ctx.cookie(new Cookie(SESSION_COOKIE, sessionId, "/", -1, false, true, null, SameSite.LAX));
        }
        Instant authTime = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        String code = codes.issue(request.getClientID().getValue(), request.getRedirectionURI(), request.getCodeChallenge(),
                account.cognitoUserId(), scopeOf(request).toString(), authTime, nonceOf(request), sessionId);
        ctx.redirect(new AuthorizationSuccessResponse(request.getRedirectionURI(), new AuthorizationCode(code), null,
                request.getState(), ResponseMode.QUERY).toURI().toString(), HttpStatus.FOUND);
    }

    /** Creates the user exactly as the sign-up Lambda does, with a fresh {@code sub} as Cognito would give it. */
    private Account signUp(String handle, String name, String email) {
        String sub = UUID.randomUUID().toString();
        users.register(new SignUp(sub, email, handle, name));
        return users.accountByCognitoUserId(sub)
                .orElseThrow(() -> new IllegalStateException("a registered user is not in the database"));
    }

    /** {@code POST /oauth2/token}: a code (with its PKCE verifier) or a refresh token for tokens. */
    public void token(Context ctx) {
        allowRegisteredOrigin(ctx);
        String grantType = ctx.formParam("grant_type");
        if (grantType != null && !SUPPORTED_GRANTS.contains(new GrantType(grantType))) {
            // Checked first: the SDK would refuse some of these for the missing client secret instead.
            tokenError(ctx, OAuth2Error.UNSUPPORTED_GRANT_TYPE.setDescription(
                    "Only authorization_code and refresh_token are supported"));
            return;
        }
        TokenRequest request;
        try {
            HTTPRequest http = new HTTPRequest(HTTPRequest.Method.POST, URI.create("http://localhost/oauth2/token"));
            if (ctx.contentType() != null) {
                http.setContentType(ctx.contentType());
            }
            if (ctx.header(Header.AUTHORIZATION) != null) {
                http.setAuthorization(ctx.header(Header.AUTHORIZATION));
            }
            http.setBody(ctx.body());
            request = TokenRequest.parse(http);
        } catch (ParseException e) {
            ErrorObject error = e.getErrorObject() != null ? e.getErrorObject() : OAuth2Error.INVALID_REQUEST;
            tokenError(ctx, error.getDescription() == null ? error.setDescription(e.getMessage()) : error);
            return;
        }
        if (request.getClientAuthentication() != null) {
            tokenError(ctx, OAuth2Error.INVALID_CLIENT.setDescription("The app client is public: send client_id, no secret"));
            return;
        }
        if (request.getClientID() == null) {
            tokenError(ctx, OAuth2Error.INVALID_REQUEST.setDescription("Missing client_id"));
            return;
        }
        String clientId = request.getClientID().getValue();
        if (!LocalIssuer.CLIENT_ID.equals(clientId)) {
            tokenError(ctx, OAuth2Error.INVALID_CLIENT.setDescription("Unknown client_id"));
            return;
        }
        AuthorizationGrant grant = request.getAuthorizationGrant();
        try {
            if (grant instanceof AuthorizationCodeGrant codeGrant) {
                redeemCode(ctx, clientId, codeGrant);
            } else if (grant instanceof RefreshTokenGrant refreshGrant) {
                refresh(ctx, clientId, refreshGrant);
            } else {
                tokenError(ctx, OAuth2Error.UNSUPPORTED_GRANT_TYPE.setDescription(
                        "Only authorization_code and refresh_token are supported"));
            }
        } catch (JdbiException e) {
            log.warn("token endpoint: the database failed: {}", e.getClass().getSimpleName());
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).contentType("application/json")
                    .result(OAuth2Error.TEMPORARILY_UNAVAILABLE.toJSONObject().toJSONString());
        }
    }

    private void redeemCode(Context ctx, String clientId, AuthorizationCodeGrant grant) {
        Optional<AuthorizationCodes.Grant> redeemed = codes.redeem(grant.getAuthorizationCode().getValue(), codeId ->
                log.warn("a code was redeemed twice: {} refresh token(s) it issued revoked", refreshTokens.revokeIssuedFor(codeId)));
        if (redeemed.isEmpty()) {
            tokenError(ctx, OAuth2Error.INVALID_GRANT.setDescription("The code is unknown, used or expired"));
            return;
        }
        AuthorizationCodes.Grant code = redeemed.get();
        if (!code.clientId().equals(clientId)) {
            tokenError(ctx, OAuth2Error.INVALID_GRANT.setDescription("The code was issued to another client"));
            return;
        }
        if (grant.getRedirectionURI() == null || !code.redirectUri().toString().equals(grant.getRedirectionURI().toString())) {
            tokenError(ctx, OAuth2Error.INVALID_GRANT.setDescription("redirect_uri is not the one the code was issued for"));
            return;
        }
        if (grant.getCodeVerifier() == null) {
            tokenError(ctx, OAuth2Error.INVALID_GRANT.setDescription("Missing code_verifier"));
            return;
        }
        CodeChallenge computed = CodeChallenge.compute(CodeChallengeMethod.S256, grant.getCodeVerifier());
        if (!computed.getValue().equals(code.challenge().getValue())) {
            tokenError(ctx, OAuth2Error.INVALID_GRANT.setDescription("code_verifier does not match the code_challenge"));
            return;
        }
        Optional<Account> account = users.accountByCognitoUserId(code.cognitoUserId());
        if (account.isEmpty()) {
            tokenError(ctx, OAuth2Error.INVALID_GRANT.setDescription("The user no longer exists"));
            return;
        }
        String refreshToken = refreshTokens.issue(clientId, code.cognitoUserId(), code.scope(), code.authTime(),
                code.sessionId(), AuthorizationCodes.id(grant.getAuthorizationCode().getValue()));
        tokens(ctx, account.get(), code.scope(), code.authTime(), code.nonce(), new RefreshToken(refreshToken));
    }

    private void refresh(Context ctx, String clientId, RefreshTokenGrant grant) {
        Optional<RefreshTokens.Grant> found = refreshTokens.find(grant.getRefreshToken().getValue());
        if (found.isEmpty() || !found.get().clientId().equals(clientId)) {
            tokenError(ctx, OAuth2Error.INVALID_GRANT.setDescription("The refresh token is unknown, revoked or expired"));
            return;
        }
        RefreshTokens.Grant refresh = found.get();
        Optional<Account> account = users.accountByCognitoUserId(refresh.cognitoUserId());
        if (account.isEmpty()) {
            tokenError(ctx, OAuth2Error.INVALID_GRANT.setDescription("The user no longer exists"));
            return;
        }
        tokens(ctx, account.get(), refresh.scope(), refresh.authTime(), null, null);
    }

    private void tokens(Context ctx, Account account, String scope, Instant authTime, String nonce, RefreshToken refreshToken) {
        Instant now = clock.instant();
        BearerAccessToken accessToken = new BearerAccessToken(
                issuer.accessToken(account.cognitoUserId(), account.handle(), scope, authTime, now),
                LocalIssuer.TOKEN_LIFETIME.toSeconds(), null);
        String idToken = issuer.idToken(account, authTime, now, nonce);
        ctx.contentType("application/json; charset=utf-8")
                .result(new OIDCTokenResponse(new OIDCTokens(idToken, accessToken, refreshToken)).toJSONObject().toJSONString());
    }

    private static void tokenError(Context ctx, ErrorObject error) {
        ctx.status(HttpStatus.BAD_REQUEST).contentType("application/json; charset=utf-8")
                .result(new TokenErrorResponse(error).toJSONObject().toJSONString());
    }

    /** {@code OPTIONS /oauth2/token}: a browser's preflight from a registered origin. */
    public void tokenPreflight(Context ctx) {
        if (!allowRegisteredOrigin(ctx)) {
            ctx.status(HttpStatus.FORBIDDEN);
            return;
        }
        ctx.header(Header.ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS")
                .header(Header.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type")
                .header(Header.ACCESS_CONTROL_MAX_AGE, "600")
                .status(HttpStatus.NO_CONTENT);
    }

    private boolean allowRegisteredOrigin(Context ctx) {
        String origin = ctx.header(Header.ORIGIN);
        ctx.header(Header.VARY, "Origin");
        Set<String> origins = new LinkedHashSet<>();
        settings.redirectUris(ctx.req().getLocalPort()).forEach(uri -> origins.add(SignInSettings.origin(uri)));
        if (origin != null && origins.contains(origin)) {
            ctx.header(Header.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            return true;
        }
        return false;
    }

    /**
     * {@code GET /logout?client_id=…&logout_uri=…}: revokes the refresh tokens this client got in this browser's
     * session, ends the session and goes to {@code logout_uri}, which must be registered; otherwise an error page,
     * and nothing is revoked.
     */
    public void logout(Context ctx) {
        if (!LocalIssuer.CLIENT_ID.equals(ctx.queryParam("client_id"))) {
            errorPage(ctx, HttpStatus.BAD_REQUEST, "Unknown app client",
                    "The client_id of this sign-out is not an app client of this server.");
            return;
        }
        String logoutUri = ctx.queryParam("logout_uri");
        boolean registered = logoutUri != null && settings.logoutUris(ctx.req().getLocalPort()).stream()
                .anyMatch(uri -> uri.toString().equals(logoutUri));
        if (!registered) {
            errorPage(ctx, HttpStatus.BAD_REQUEST, "Unknown sign-out address",
                    "The logout_uri of this sign-out is missing or not registered for the app client (OAUTH_LOGOUT_URIS).");
            return;
        }
        String sessionId = ctx.cookie(SESSION_COOKIE);
        if (sessionId != null) {
            int revoked = refreshTokens.revoke(LocalIssuer.CLIENT_ID, sessionId);
            log.info("signed out: {} refresh token(s) revoked", revoked);
        }
        ctx.removeCookie(SESSION_COOKIE, "/");
        ctx.redirect(logoutUri, HttpStatus.FOUND);
    }

    /** {@code GET /.well-known/openid-configuration}: OpenID Connect discovery. */
    public void discovery(Context ctx) {
        String base = baseUrl(ctx, settings);
        OIDCProviderMetadata metadata = new OIDCProviderMetadata(new Issuer(LocalIssuer.ISSUER),
                List.of(SubjectType.PUBLIC), URI.create(base + "/.well-known/jwks.json"));
        metadata.setAuthorizationEndpointURI(URI.create(base + "/oauth2/authorize"));
        metadata.setTokenEndpointURI(URI.create(base + "/oauth2/token"));
        metadata.setEndSessionEndpointURI(URI.create(base + "/logout"));
        metadata.setResponseTypes(List.of(ResponseType.CODE));
        metadata.setResponseModes(List.of(ResponseMode.QUERY));
        metadata.setGrantTypes(List.copyOf(SUPPORTED_GRANTS));
        metadata.setCodeChallengeMethods(List.of(CodeChallengeMethod.S256));
        metadata.setScopes(SUPPORTED_SCOPES);
        metadata.setTokenEndpointAuthMethods(List.of(ClientAuthenticationMethod.NONE));
        metadata.setIDTokenJWSAlgs(List.of(JWSAlgorithm.RS256));
        metadata.setClaims(List.of("sub", "iss", "aud", "auth_time", "email", "email_verified", "name",
                "preferred_username", "cognito:username"));
        ctx.contentType("application/json").result(metadata.toJSONObject().toJSONString());
    }

    /** {@code GET /oauth2/signin.css}: the sign-in page's only stylesheet. */
    public void stylesheet(Context ctx) {
        ctx.contentType("text/css; charset=utf-8").result(SignInPage.STYLESHEET);
    }

    /**
     * The request checked in the order RFC 6749 asks: an unknown client or redirect URI is an error page here (a
     * redirect there would be an open redirect); anything else wrong goes back to the client as an error response.
     */
    private Optional<AuthorizationRequest> validRequest(Context ctx, Map<String, List<String>> parameters) {
        List<String> clientIds = parameters.getOrDefault("client_id", List.of());
        List<String> redirectUris = parameters.getOrDefault("redirect_uri", List.of());
        if (clientIds.size() != 1 || !LocalIssuer.CLIENT_ID.equals(clientIds.get(0))) {
            errorPage(ctx, HttpStatus.BAD_REQUEST, "Unknown app client",
                    "This sign-in names no app client of this server (client_id), so it cannot go back to where it came from.");
            return Optional.empty();
        }
        List<URI> registered = settings.redirectUris(ctx.req().getLocalPort());
        if (redirectUris.size() != 1 || registered.stream().noneMatch(uri -> uri.toString().equals(redirectUris.get(0)))) {
            errorPage(ctx, HttpStatus.BAD_REQUEST, "Unknown redirect address",
                    "The redirect_uri of this sign-in is missing or not registered for the app client (OAUTH_REDIRECT_URIS).");
            return Optional.empty();
        }
        URI redirectUri = URI.create(redirectUris.get(0));
        AuthorizationRequest request;
        try {
            request = AuthorizationRequest.parse(parameters);
        } catch (ParseException e) {
            ErrorObject error = e.getErrorObject() != null ? e.getErrorObject() : OAuth2Error.INVALID_REQUEST;
            redirectError(ctx, redirectUri, error, e.getState());
            return Optional.empty();
        }
        if (!ResponseType.CODE.equals(request.getResponseType())) {
            redirectError(ctx, redirectUri, OAuth2Error.UNSUPPORTED_RESPONSE_TYPE.setDescription(
                    "Only response_type=code is supported"), request.getState());
            return Optional.empty();
        }
        if (request.getCodeChallenge() == null) {
            redirectError(ctx, redirectUri, OAuth2Error.INVALID_REQUEST.setDescription(
                    "PKCE is required: send code_challenge and code_challenge_method=S256"), request.getState());
            return Optional.empty();
        }
        if (!CodeChallengeMethod.S256.equals(request.getCodeChallengeMethod())) {
            redirectError(ctx, redirectUri, OAuth2Error.INVALID_REQUEST.setDescription(
                    "code_challenge_method must be S256"), request.getState());
            return Optional.empty();
        }
        if (request.getScope() != null && !SUPPORTED_SCOPES.containsAll(request.getScope())) {
            redirectError(ctx, redirectUri, OAuth2Error.INVALID_SCOPE.setDescription(
                    "Supported scopes: " + SUPPORTED_SCOPES), request.getState());
            return Optional.empty();
        }
        return Optional.of(request);
    }

    private static Scope scopeOf(AuthorizationRequest request) {
        return request.getScope() == null ? SUPPORTED_SCOPES : request.getScope();
    }

    private static String nonceOf(AuthorizationRequest request) {
        List<String> nonce = request.getCustomParameter("nonce");
        return nonce == null || nonce.isEmpty() ? null : nonce.get(0);
    }

    private void renderPage(Context ctx, HttpStatus status, AuthorizationRequest request, SignInPage.SignInForm signIn,
                            SignInPage.SignUpForm signUp) {
        String browserId = ctx.cookie(BROWSER_COOKIE);
        if (browserId == null || browserId.isBlank()) {
            browserId = Secrets.random();
            ctx.cookie(new Cookie(BROWSER_COOKIE, browserId, "/oauth2/authorize", -1, false, true, null, SameSite.STRICT));
        }
        Map<String, List<String>> parameters = request.toParameters();
        String token = antiForgery.token(browserId, parameters);
        List<Account> accounts = users.accounts(LISTED_ACCOUNTS);
        pageHeaders(ctx, SignInSettings.origin(request.getRedirectionURI()));
        ctx.status(status).contentType("text/html; charset=utf-8")
                .result(SignInPage.render(parameters, token, accounts, signIn, signUp));
    }

    /**
     * The page's own policy: no script at all, its stylesheet from here only, never in a frame. A form's POST is
     * answered with a redirect to the client, which {@code form-action} must allow as well.
     */
    private static void pageHeaders(Context ctx, String redirectOrigin) {
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
                        + "form-action 'self' " + redirectOrigin + "; frame-ancestors 'none'")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer");
    }

    private static void errorPage(Context ctx, HttpStatus status, String title, String message) {
        pageHeaders(ctx, "'none'");
        ctx.status(status).contentType("text/html; charset=utf-8").result(SignInPage.error(title, message));
    }

    private static void redirectError(Context ctx, URI redirectUri, ErrorObject error, State state) {
        ctx.redirect(new AuthorizationErrorResponse(redirectUri, error, state, ResponseMode.QUERY).toURI().toString(),
                HttpStatus.FOUND);
    }

    /**
     * This server's address as the browser reached it, when that is one it answers on (a registered redirect
     * URI's origin, or localhost/127.0.0.1 on its port); otherwise {@code http://localhost:<port>}.
     */
    static String baseUrl(Context ctx, SignInSettings settings) {
        int port = ctx.req().getLocalPort();
        Set<String> known = new LinkedHashSet<>();
        known.add("http://localhost:" + port);
        known.add("http://127.0.0.1:" + port);
        settings.redirectUris(port).forEach(uri -> known.add(SignInSettings.origin(uri)));
        String host = ctx.header("Host");
        if (host != null) {
            for (String origin : known) {
                if (origin.substring(origin.indexOf("://") + 3).equalsIgnoreCase(host)) {
                    return origin;
                }
            }
        }
        return "http://localhost:" + port;
    }
}
