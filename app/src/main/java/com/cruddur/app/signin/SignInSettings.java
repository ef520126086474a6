package com.cruddur.app.signin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where browsers sign in: the app client's registered callback ({@code OAUTH_REDIRECT_URIS}) and sign-out
 * ({@code OAUTH_LOGOUT_URIS}) URLs, and Cognito's managed-login domain ({@code AWS_COGNITO_DOMAIN}). Without
 * the URL lists, the server's own {@code /auth/callback} and {@code /} on the port it listens on are registered.
 */
public record SignInSettings(Optional<List<URI>> redirectUris, Optional<List<URI>> logoutUris, Optional<URI> cognitoDomain) {

    static final String CALLBACK_PATH = "/auth/callback";

    public static SignInSettings fromEnvironment(Map<String, String> env, boolean cognitoConfigured) {
        Optional<List<URI>> redirectUris = uris(env, "OAUTH_REDIRECT_URIS");
        Optional<List<URI>> logoutUris = uris(env, "OAUTH_LOGOUT_URIS");
        Optional<URI> domain = Optional.ofNullable(env.get("AWS_COGNITO_DOMAIN"))
                .filter(value -> !value.isBlank())
                .map(value -> cognitoDomain(value.strip()));
        if (domain.isPresent() && !cognitoConfigured) {
            throw new IllegalArgumentException("AWS_COGNITO_DOMAIN needs the user pool it belongs to "
                    + "(AWS_COGNITO_USER_POOL_ID, AWS_COGNITO_USER_POOL_CLIENT_ID, AWS_DEFAULT_REGION)");
        }
        if (domain.isPresent() && redirectUris.isEmpty()) {
            throw new IllegalArgumentException("OAUTH_REDIRECT_URIS is required with AWS_COGNITO_DOMAIN: "
                    + "the callback URLs registered on the Cognito app client");
        }
        return new SignInSettings(redirectUris, logoutUris, domain);
    }

    /** The registered callback URLs; by default this server's own {@code /auth/callback} on {@code port}. */
    public List<URI> redirectUris(int port) {
        return redirectUris.orElseGet(() -> List.of(
                URI.create("http://localhost:" + port + CALLBACK_PATH),
                URI.create("http://127.0.0.1:" + port + CALLBACK_PATH)));
    }

    /** The registered sign-out URLs; by default the root of every origin a callback URL is on. */
    public List<URI> logoutUris(int port) {
        return logoutUris.orElseGet(() -> {
            Set<URI> roots = new LinkedHashSet<>();
            redirectUris(port).forEach(uri -> roots.add(URI.create(origin(uri) + "/")));
            return List.copyOf(roots);
        });
    }

    /** {@code scheme://host[:port]} of an absolute URL, as a browser's {@code Origin} header names it. */
    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static Optional<List<URI>> uris(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        List<URI> uris = Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(part -> !part.isEmpty())
                .map(part -> absoluteUrl(name, part))
                .distinct()
                .toList();
        return uris.isEmpty() ? Optional.empty() : Optional.of(uris);
    }

    private static URI absoluteUrl(String name, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + ": " + value + " is not a URL");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getRawAuthority() == null
                || uri.getHost() == null) {
            throw new IllegalArgumentException(name + ": " + value + " is not an absolute http(s) URL");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException(name + ": " + value + " must not have a fragment (#...)");
        }
        if (uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
            throw new IllegalArgumentException(name + ": " + value + " needs a path (at least /)");
        }
        return uri;
    }

    private static URI cognitoDomain(String value) {
        String url = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !"https".equals(uri.getScheme()) || uri.getHost() == null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("AWS_COGNITO_DOMAIN is not a managed-login domain "
                    + "(like https://cruddur.auth.us-east-1.amazoncognito.com or https://auth.example.com)");
        }
        return uri;
    }
}
