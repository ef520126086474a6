package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.database.DevelopmentSeed;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestData;
import com.cruddur.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The local issuer as an OAuth 2.0 authorization server, over real HTTP against the running server and its
 * database: the sign-in page, codes with PKCE, tokens, refresh, sign-out, and every refusal on the way.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInOverHttpTest {

    private static final String CLIENT_ID = "cruddurlocaldevelopment";
    private static final String CREATE_ACTIVITY = """
            mutation ($message: String!) {
              createActivity(input: {message: $message, ttl: ONE_DAY}) {
                activity { message author { handle } }
                errors { code }
              }
            }""";

    private final SteppingClock clock = new SteppingClock();
    private TestDatabase database;
    private RunningServer server;

    @BeforeAll
    void start(TestDatabase database) {
        this.database = database;
        DevelopmentSeed.apply(database.dataSource());
        new TestData(database).user("realuser").cognitoUserId("a-real-cognito-sub").insert();
        server = RunningServer.startWithLocalIssuer(database, Map.of(), clock);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aSeededUserSignsInWithCodeAndPkceAndPostsWithTheAccessToken() throws Exception {
        SignInBrowser browser = new SignInBrowser(server);

        HttpResponse<String> page = browser.authorize(browser.authorizationRequest("state-1/with+odd&chars"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("frame-ancestors 'none'").contains("default-src 'none'").doesNotContain("script-src"));
        assertThat(page.body()).doesNotContain("<script").doesNotContain("style=").contains("/oauth2/signin.css")
                .contains("@andrewbrown").contains("@londo").contains("name=\"email\"");
        HttpResponse<String> stylesheet = browser.get("/oauth2/signin.css");
        assertThat(stylesheet.statusCode()).isEqualTo(200);
        assertThat(stylesheet.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));

        Map<String, String> form = SignInBrowser.formWithButton(page.body(), "andrewbrown");
        form.put("handle", "andrewbrown");
        HttpResponse<String> redirect = browser.postForm("/oauth2/authorize", form);

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Cache-Control")).contains("no-store");
        URI location = SignInBrowser.location(redirect);
        assertThat(location.getScheme() + "://" + location.getRawAuthority() + location.getRawPath()).isEqualTo(browser.callback());
        assertThat(SignInBrowser.query(location)).containsEntry("state", "state-1/with+odd&chars").containsKey("code");

        HttpResponse<String> exchanged = browser.exchange(SignInBrowser.query(location).get("code"), browser.verifier);

        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        assertThat(exchanged.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode tokens = RunningServer.read(exchanged.body());
        assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in").asInt()).isEqualTo(3600);
        assertThat(tokens.get("refresh_token").asText()).hasSizeGreaterThanOrEqualTo(43).doesNotContain(".");

        JWTClaimsSet access = SignedJWT.parse(tokens.get("access_token").asText()).getJWTClaimsSet();
        assertThat(access.getSubject()).isEqualTo("MOCK-andrewbrown");
        assertThat(access.getIssuer()).isEqualTo("https://local-issuer.cruddur.invalid");
        assertThat(access.getStringClaim("client_id")).isEqualTo(CLIENT_ID);
        assertThat(access.getStringClaim("token_use")).isEqualTo("access");
        assertThat(access.getStringClaim("scope")).isEqualTo("openid email profile");
        assertThat(access.getStringClaim("username")).isEqualTo("andrewbrown");
        assertThat(access.getLongClaim("auth_time")).isPositive();
        assertThat(access.getJWTID()).isNotBlank();
        assertThat(Duration.between(access.getIssueTime().toInstant(), access.getExpirationTime().toInstant())).isEqualTo(Duration.ofHours(1));
        assertThat(access.getAudience()).isEmpty();

        JWTClaimsSet id = SignedJWT.parse(tokens.get("id_token").asText()).getJWTClaimsSet();
        assertThat(id.getSubject()).isEqualTo("MOCK-andrewbrown");
        assertThat(id.getAudience()).containsExactly(CLIENT_ID);
        assertThat(id.getStringClaim("token_use")).isEqualTo("id");
        assertThat(id.getStringClaim("email")).isEqualTo("andrew@exampro.co");
        assertThat(id.getBooleanClaim("email_verified")).isTrue();
        assertThat(id.getStringClaim("preferred_username")).isEqualTo("andrewbrown");
        assertThat(id.getStringClaim("cognito:username")).isEqualTo("andrewbrown");
        assertThat(id.getStringClaim("name")).isEqualTo("Andrew Brown");

        JsonNode created = server.graphQl(CREATE_ACTIVITY, Map.of("message", "Signed in with a code"),
                "Bearer " + tokens.get("access_token").asText()).at("/data/createActivity");
        assertThat(created.get("errors")).isEmpty();
        assertThat(created.at("/activity/author/handle").asText()).isEqualTo("andrewbrown");
    }

    @Test
    void theIdTokenIsNotAnAccessToken() {
        JsonNode tokens = new SignInBrowser(server).signInForTokens("altbrown");
        long before = activities();

        JsonNode response = RunningServer.read(server.postGraphQl(CREATE_ACTIVITY, Map.of("message", "with an id token"),
                "Bearer " + tokens.get("id_token").asText()).body());

        assertThat(response.at("/errors/0/extensions/code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(activities()).isEqualTo(before);
    }

    @Test
    void aWrongVerifierIsAnInvalidGrant() {
        SignInBrowser browser = new SignInBrowser(server);
        String code = browser.code(browser.signIn("bayko", "s"));

        HttpResponse<String> response = browser.exchange(code, new SignInBrowser(server).verifier);

        assertOAuthError(response, "invalid_grant");
        assertOAuthError(browser.exchange(code, browser.verifier), "invalid_grant"); // a failed redemption used the code
    }

    @Test
    void aCodeWorksOnceAndItsReplayRevokesWhatItIssued() {
        SignInBrowser browser = new SignInBrowser(server);
        String code = browser.code(browser.signIn("bayko", "s"));
        HttpResponse<String> first = browser.exchange(code, browser.verifier);
        assertThat(first.statusCode()).isEqualTo(200);
        String refreshToken = RunningServer.read(first.body()).get("refresh_token").asText();
        assertThat(browser.refresh(refreshToken).statusCode()).isEqualTo(200);

        assertOAuthError(browser.exchange(code, browser.verifier), "invalid_grant");
        assertOAuthError(browser.refresh(refreshToken), "invalid_grant");
    }

    @Test
    void aCodeExpiresAfterFiveMinutes() {
        SignInBrowser browser = new SignInBrowser(server);
        String fresh = browser.code(browser.signIn("bayko", "s"));
        String stale = browser.code(browser.signIn("bayko", "s"));
        clock.step(Duration.ofMinutes(4).plusSeconds(50));
        try {
            assertThat(browser.exchange(fresh, browser.verifier).statusCode()).isEqualTo(200);
            clock.step(Duration.ofSeconds(11));
            assertOAuthError(browser.exchange(stale, browser.verifier), "invalid_grant");
        } finally {
            clock.reset();
        }
    }

    @Test
    void aCodeIsBoundToItsRedirectUriAndClient() {
        SignInBrowser browser = new SignInBrowser(server);
        String code = browser.code(browser.signIn("bayko", "s"));
        Map<String, String> fields = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", server.uri("/auth/other").toString(), "client_id", CLIENT_ID, "code_verifier", browser.verifier));

        assertOAuthError(browser.postForm("/oauth2/token", fields), "invalid_grant");

        fields.put("client_id", "someoneelse");
        assertOAuthError(browser.postForm("/oauth2/token", fields), "invalid_client");
    }

    @Test
    void anUnregisteredRedirectUriOrClientIsAnErrorPageAndNeverARedirect() {
        SignInBrowser browser = new SignInBrowser(server);
        for (Map.Entry<String, String> wrong : Map.of(
                "redirect_uri", "https://evil.example/auth/callback",
                "client_id", "someoneelse").entrySet()) {
            Map<String, String> request = browser.authorizationRequest("s");
            request.put(wrong.getKey(), wrong.getValue());

            HttpResponse<String> response = browser.authorize(request);

            assertThat(response.statusCode()).as(wrong.getKey()).isEqualTo(400);
            assertThat(response.headers().firstValue("Location")).as(wrong.getKey()).isEmpty();
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(response.body()).as(wrong.getKey()).contains(wrong.getKey()).doesNotContain("evil.example");

            HttpResponse<String> posted = browser.postForm("/oauth2/authorize", request);
            assertThat(posted.statusCode()).isEqualTo(400);
            assertThat(posted.headers().firstValue("Location")).isEmpty();
        }
        Map<String, String> prefixOfRegistered = browser.authorizationRequest("s");
        prefixOfRegistered.put("redirect_uri", browser.callback() + "/../evil");
        assertThat(browser.authorize(prefixOfRegistered).headers().firstValue("Location")).isEmpty();
    }

    @Test
    void pkceWithS256IsRequired() {
        SignInBrowser browser = new SignInBrowser(server);
        Map<String, String> plain = browser.authorizationRequest("st");
        plain.put("code_challenge", browser.verifier);
        plain.put("code_challenge_method", "plain");
        Map<String, String> missing = browser.authorizationRequest("st");
        missing.remove("code_challenge");
        missing.remove("code_challenge_method");
        Map<String, String> noMethod = browser.authorizationRequest("st");
        noMethod.remove("code_challenge_method");

        for (Map<String, String> request : new Map[] {plain, missing, noMethod}) {
            HttpResponse<String> response = browser.authorize(request);

            assertThat(response.statusCode()).isEqualTo(302);
            URI location = SignInBrowser.location(response);
            assertThat(location.toString()).startsWith(browser.callback() + "?");
            assertThat(SignInBrowser.query(location)).containsEntry("error", "invalid_request").containsEntry("state", "st")
                    .doesNotContainKey("code");
        }
    }

    @Test
    void theFormNeedsTheAntiForgeryTokenOfThePageServedToThisBrowser() {
        SignInBrowser browser = new SignInBrowser(server);
        String page = browser.authorize(browser.authorizationRequest("st")).body();
        Map<String, String> form = SignInBrowser.formWithButton(page, "andrewbrown");
        form.put("handle", "andrewbrown");

        Map<String, String> missing = new LinkedHashMap<>(form);
        missing.remove("csrf_token");
        Map<String, String> wrong = new LinkedHashMap<>(form);
        wrong.put("csrf_token", form.get("csrf_token").replaceAll(".$", form.get("csrf_token").endsWith("A") ? "B" : "A"));
        Map<String, String> otherRequest = new LinkedHashMap<>(form);
        otherRequest.put("state", "another state");

        for (Map<String, String> forged : new Map[] {missing, wrong, otherRequest}) {
            HttpResponse<String> response = browser.postForm("/oauth2/authorize", forged);

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("Location")).isEmpty();
            assertThat(response.body()).contains("not valid");
        }
        HttpResponse<String> fromAnotherBrowser = new SignInBrowser(server).postForm("/oauth2/authorize", form);
        assertThat(fromAnotherBrowser.statusCode()).isEqualTo(403);
        assertThat(fromAnotherBrowser.headers().firstValue("Location")).isEmpty();

        assertThat(browser.postForm("/oauth2/authorize", form).statusCode()).isEqualTo(302);
    }

    @Test
    void anUnknownHandleIsShownOnThePage() {
        SignInBrowser browser = new SignInBrowser(server);
        String page = browser.authorize(browser.authorizationRequest("st")).body();
        Map<String, String> form = SignInBrowser.formWithAction(page, "sign_in");
        form.put("handle", "nobody_here");

        HttpResponse<String> response = browser.postForm("/oauth2/authorize", form);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("data-code=\"user_not_found\"").contains("value=\"nobody_here\"");
    }

    @Test
    void aSignUpCreatesExactlyOneUserThroughTheLambdasPathAndSignsItIn() throws Exception {
        SignInBrowser browser = new SignInBrowser(server);
        String page = browser.authorize(browser.authorizationRequest("st")).body();
        Map<String, String> form = SignInBrowser.formWithAction(page, "sign_up");
        form.put("handle", "newcomer");
        form.put("name", "New Comer <b>");
        form.put("email", "newcomer@example.com");
        long before = users();

        HttpResponse<String> redirect = browser.postForm("/oauth2/authorize", form);

        assertThat(users()).isEqualTo(before + 1);
        Map<String, Object> row = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT cognito_user_id, display_name, email FROM users WHERE handle = 'newcomer'").mapToMap().one());
        assertThat(row).containsEntry("display_name", "New Comer <b>").containsEntry("email", "newcomer@example.com");
        String sub = (String) row.get("cognito_user_id");
        assertThat(UUID.fromString(sub)).hasToString(sub);

        JsonNode tokens = RunningServer.read(browser.exchange(browser.code(redirect), browser.verifier).body());
        assertThat(SignedJWT.parse(tokens.get("access_token").asText()).getJWTClaimsSet().getSubject()).isEqualTo(sub);
        assertThat(SignedJWT.parse(tokens.get("id_token").asText()).getJWTClaimsSet().getStringClaim("name")).isEqualTo("New Comer <b>");
        assertThat(browser.authorize(browser.authorizationRequest("st")).body()).contains("New Comer &lt;b&gt;");
    }

    @Test
    void aRefusedSignUpShowsItsCodeNextToTheFieldKeepsWhatWasTypedAndWritesNothing() {
        SignInBrowser browser = new SignInBrowser(server);
        String page = browser.authorize(browser.authorizationRequest("st")).body();
        for (Map.Entry<String, String> refused : Map.of(
                "RealUser", "handle_taken",
                "not a handle!", "handle_invalid",
                "", "handle_blank").entrySet()) {
            Map<String, String> form = SignInBrowser.formWithAction(page, "sign_up");
            form.put("handle", refused.getKey());
            form.put("name", "Typed \"Name\"");
            form.put("email", "typed@example.com");
            long before = users();

            HttpResponse<String> response = browser.postForm("/oauth2/authorize", form);

            assertThat(response.statusCode()).as(refused.getValue()).isEqualTo(400);
            assertThat(response.headers().firstValue("Location")).isEmpty();
            assertThat(response.body()).as(refused.getValue())
                    .containsPattern("id=\"sign-up-handle\"[^>]*autofocus aria-invalid=\"true\"[^>]*>\\s*<p class=\"field-error\" id=\"sign-up-handle-error\" data-code=\""
                            + refused.getValue() + "\"")
                    .contains("value=\"" + SignInPageText.escape(refused.getKey()) + "\"")
                    .contains("value=\"Typed &quot;Name&quot;\"").contains("value=\"typed@example.com\"");
            assertThat(users()).isEqualTo(before);
            page = response.body();
        }
        Map<String, String> badEmail = SignInBrowser.formWithAction(page, "sign_up");
        badEmail.put("handle", "fine_handle");
        badEmail.put("email", "no-at-sign");
        HttpResponse<String> response = browser.postForm("/oauth2/authorize", badEmail);
        assertThat(response.body()).contains("id=\"sign-up-email-error\" data-code=\"email_invalid\"");
        assertThat(database.queryValue("SELECT count(*) FROM users WHERE handle = 'fine_handle'", Long.class)).isZero();
    }

    @Test
    void aRefreshTokenGivesNewAccessAndIdTokens() throws Exception {
        SignInBrowser browser = new SignInBrowser(server);
        JsonNode tokens = browser.signInForTokens("londo");

        HttpResponse<String> refreshed = browser.refresh(tokens.get("refresh_token").asText());

        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonNode renewed = RunningServer.read(refreshed.body());
        assertThat(renewed.has("refresh_token")).isFalse();
        assertThat(renewed.get("access_token").asText()).isNotEqualTo(tokens.get("access_token").asText());
        JWTClaimsSet access = SignedJWT.parse(renewed.get("access_token").asText()).getJWTClaimsSet();
        assertThat(access.getSubject()).isEqualTo("MOCK-londo");
        assertThat(access.getLongClaim("auth_time"))
                .isEqualTo(SignedJWT.parse(tokens.get("access_token").asText()).getJWTClaimsSet().getLongClaim("auth_time"));
        assertThat(SignedJWT.parse(renewed.get("id_token").asText()).getJWTClaimsSet().getStringClaim("token_use")).isEqualTo("id");
        assertThat(server.graphQl("{ me { handle } }", Map.of(), "Bearer " + renewed.get("access_token").asText())
                .at("/data/me/handle").asText()).isEqualTo("londo");

        assertOAuthError(browser.refresh("not-a-refresh-token"), "invalid_grant");
    }

    @Test
    void signingOutRevokesTheSessionsRefreshTokensAndGoesToARegisteredLogoutUri() {
        SignInBrowser browser = new SignInBrowser(server);
        String refreshToken = browser.signInForTokens("londo").get("refresh_token").asText();
        SignInBrowser elsewhere = new SignInBrowser(server);
        String otherSession = elsewhere.signInForTokens("londo").get("refresh_token").asText();
        String home = server.uri("/").toString();

        HttpResponse<String> unregistered = browser.get("/logout?client_id=" + CLIENT_ID + "&logout_uri=https%3A%2F%2Fevil.example%2F");
        assertThat(unregistered.statusCode()).isEqualTo(400);
        assertThat(unregistered.headers().firstValue("Location")).isEmpty();
        assertThat(browser.refresh(refreshToken).statusCode()).isEqualTo(200);

        HttpResponse<String> loggedOut = browser.get("/logout?client_id=" + CLIENT_ID + "&logout_uri=" + home);

        assertThat(loggedOut.statusCode()).isEqualTo(302);
        assertThat(loggedOut.headers().firstValue("Location")).contains(home);
        assertThat(loggedOut.headers().firstValue("Cache-Control")).contains("no-store");
        assertOAuthError(browser.refresh(refreshToken), "invalid_grant");
        assertThat(elsewhere.refresh(otherSession).statusCode()).isEqualTo(200);
    }

    @Test
    void theTokenEndpointAnswersRfc6749Errors() {
        SignInBrowser browser = new SignInBrowser(server);

        assertOAuthError(browser.postForm("/oauth2/token", Map.of("grant_type", "client_credentials", "client_id", CLIENT_ID)),
                "unsupported_grant_type");
        assertOAuthError(browser.postForm("/oauth2/token", Map.of("grant_type", "password", "client_id", CLIENT_ID,
                "username", "u", "password", "p")), "unsupported_grant_type");
        assertOAuthError(browser.postForm("/oauth2/token", Map.of("grant_type", "authorization_code", "client_id", CLIENT_ID)),
                "invalid_request");
        assertOAuthError(browser.postForm("/oauth2/token", Map.of("grant_type", "refresh_token", "refresh_token", "x",
                "client_id", "someoneelse")), "invalid_client");
        assertOAuthError(browser.postForm("/oauth2/token", Map.of("client_id", CLIENT_ID)), "invalid_request");
        assertOAuthError(browser.send(HttpRequest.newBuilder(server.uri("/oauth2/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"refresh_token\"}"))), "invalid_request");
    }

    @Test
    void aBrowserOnARegisteredOriginMayCallTheTokenEndpoint() {
        SignInBrowser browser = new SignInBrowser(server);
        String origin = "http://localhost:" + server.uri("/").getPort();

        HttpResponse<String> preflight = browser.send(HttpRequest.newBuilder(server.uri("/oauth2/token"))
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> call = browser.send(HttpRequest.newBuilder(server.uri("/oauth2/token"))
                .header("Origin", origin).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=x&client_id=" + CLIENT_ID)));
        HttpResponse<String> foreign = browser.send(HttpRequest.newBuilder(server.uri("/oauth2/token"))
                .header("Origin", "https://evil.example").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=x&client_id=" + CLIENT_ID)));

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void configJsonAndDiscoveryNameTheLocalIssuersEndpoints() {
        String base = "http://localhost:" + server.uri("/").getPort();

        HttpResponse<String> response = server.get("/auth/config.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode config = RunningServer.read(response.body());
        assertThat(config.get("authorizeUrl").asText()).isEqualTo(base + "/oauth2/authorize");
        assertThat(config.get("tokenUrl").asText()).isEqualTo(base + "/oauth2/token");
        assertThat(config.get("logoutUrl").asText()).isEqualTo(base + "/logout");
        assertThat(config.get("clientId").asText()).isEqualTo(CLIENT_ID);
        assertThat(config.get("redirectUri").asText()).isEqualTo(base + "/auth/callback");
        assertThat(config.get("scopes")).hasToString("[\"openid\",\"email\",\"profile\"]");

        JsonNode discovery = RunningServer.read(server.get("/.well-known/openid-configuration").body());
        assertThat(discovery.get("issuer").asText()).isEqualTo("https://local-issuer.cruddur.invalid");
        assertThat(discovery.get("authorization_endpoint").asText()).isEqualTo(base + "/oauth2/authorize");
        assertThat(discovery.get("token_endpoint").asText()).isEqualTo(base + "/oauth2/token");
        assertThat(discovery.get("jwks_uri").asText()).isEqualTo(base + "/.well-known/jwks.json");
        assertThat(discovery.get("code_challenge_methods_supported")).hasToString("[\"S256\"]");
        assertThat(discovery.get("response_types_supported")).hasToString("[\"code\"]");
        assertThat(discovery.get("grant_types_supported").toString()).contains("authorization_code").contains("refresh_token");
        assertThat(discovery.get("token_endpoint_auth_methods_supported")).hasToString("[\"none\"]");
    }

    private static void assertOAuthError(HttpResponse<String> response, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode body = RunningServer.read(response.body());
        assertThat(body.get("error").asText()).as(response.body()).isEqualTo(error);
        assertThat(body.get("error_description").asText()).isNotBlank();
    }

    private long users() {
        return database.queryValue("SELECT count(*) FROM users", Long.class);
    }

    private long activities() {
        return database.queryValue("SELECT count(*) FROM activities", Long.class);
    }

    /** The system clock, moved forward by hand while a test needs time to pass. */
    private static final class SteppingClock extends Clock {

        private volatile Duration offset = Duration.ZERO;

        void step(Duration duration) {
            offset = offset.plus(duration);
        }

        void reset() {
            offset = Duration.ZERO;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** The page's escaping, as a test expects to find typed text in a value attribute. */
    private static final class SignInPageText {

        static String escape(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                    .replace("'", "&#39;");
        }
    }
}
