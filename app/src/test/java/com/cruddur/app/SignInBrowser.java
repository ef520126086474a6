package com.cruddur.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a browser does in a sign-in, by hand: one cookie jar, redirects not followed (a test reads each
 * {@code Location}), forms read out of the served HTML, and a PKCE pair of its own making.
 */
final class SignInBrowser {

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>");
    private static final Pattern BUTTON = Pattern.compile("<button\\b([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");

    final String verifier;
    final String challenge;
    private final RunningServer server;
    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    SignInBrowser(RunningServer server) {
        this.server = server;
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        this.challenge = s256(verifier);
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String callback() {
        return server.uri("/auth/callback").toString();
    }

    /** The query of an authorization request for the local app client, with this browser's challenge. */
    Map<String, String> authorizationRequest(String state) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("response_type", "code");
        request.put("client_id", "cruddurlocaldevelopment");
        request.put("redirect_uri", callback());
        request.put("state", state);
        request.put("code_challenge", challenge);
        request.put("code_challenge_method", "S256");
        request.put("scope", "openid email profile");
        return request;
    }

    HttpResponse<String> authorize(Map<String, String> query) {
        return get("/oauth2/authorize?" + form(query));
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(server.uri(pathAndQuery)).GET());
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        return RunningServer.send(client, request);
    }

    /** Opens the sign-in page and signs in as {@code handle} with the page's own form; returns the redirect. */
    HttpResponse<String> signIn(String handle, String state) {
        HttpResponse<String> page = authorize(authorizationRequest(state));
        if (page.statusCode() != 200) {
            throw new AssertionError("sign-in page: HTTP " + page.statusCode() + ": " + page.body());
        }
        Map<String, String> fields = formWithButton(page.body(), handle);
        fields.put("handle", handle);
        return postForm("/oauth2/authorize", fields);
    }

    /** Signs in as {@code handle} and exchanges the code; returns the token response's JSON. */
    JsonNode signInForTokens(String handle) {
        String code = code(signIn(handle, "s-" + handle));
        HttpResponse<String> tokens = exchange(code, verifier);
        if (tokens.statusCode() != 200) {
            throw new AssertionError("token: HTTP " + tokens.statusCode() + ": " + tokens.body());
        }
        return RunningServer.read(tokens.body());
    }

    HttpResponse<String> exchange(String code, String codeVerifier) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("grant_type", "authorization_code");
        fields.put("code", code);
        fields.put("redirect_uri", callback());
        fields.put("client_id", "cruddurlocaldevelopment");
        fields.put("code_verifier", codeVerifier);
        return postForm("/oauth2/token", fields);
    }

    HttpResponse<String> refresh(String refreshToken) {
        return postForm("/oauth2/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", "cruddurlocaldevelopment"));
    }

    /** The {@code code} of a redirect to the callback. */
    String code(HttpResponse<String> redirect) {
        if (redirect.statusCode() != 302) {
            throw new AssertionError("expected a redirect, got HTTP " + redirect.statusCode() + ": " + redirect.body());
        }
        return query(location(redirect)).get("code");
    }

    static URI location(HttpResponse<String> response) {
        return URI.create(response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location")));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** The hidden fields of the page's form that has a submit button with this value (the user list's form). */
    static Map<String, String> formWithButton(String html, String buttonValue) {
        for (Form form : forms(html)) {
            if (form.buttonValues.contains(buttonValue)) {
                return form.fields;
            }
        }
        throw new AssertionError("no form has a button for " + buttonValue + " in " + html);
    }

    /** The fields (hidden and typed) of the page's form with this {@code action} and a typed handle. */
    static Map<String, String> formWithAction(String html, String action) {
        for (Form form : forms(html)) {
            if (action.equals(form.fields.get("action")) && form.fields.containsKey("handle")) {
                return form.fields;
            }
        }
        throw new AssertionError("no " + action + " form in " + html);
    }

    private record Form(Map<String, String> fields, List<String> buttonValues) {
    }

    private static List<Form> forms(String html) {
        List<Form> forms = new ArrayList<>();
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher input = INPUT.matcher(form.group(2));
            while (input.find()) {
                Map<String, String> attributes = attributes(input.group(1));
                if (attributes.containsKey("name")) {
                    fields.put(attributes.get("name"), attributes.getOrDefault("value", ""));
                }
            }
            List<String> buttons = new ArrayList<>();
            Matcher button = BUTTON.matcher(form.group(2));
            while (button.find()) {
                buttons.add(attributes(button.group(1)).get("value"));
            }
            forms.add(new Form(fields, buttons));
        }
        return forms;
    }

    static Map<String, String> attributes(String tag) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher attribute = ATTRIBUTE.matcher(tag);
        while (attribute.find()) {
            attributes.put(attribute.group(1), unescape(attribute.group(2)));
        }
        return attributes;
    }

    private static String unescape(String text) {
        return text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
