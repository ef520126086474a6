package com.cruddur.app.signin;

import java.net.URI;
import java.util.List;

/**
 * What {@code GET /auth/config.json} tells a browser client: where to send a person to sign in and out, where to
 * exchange the code, and as which app client. The same shape whether the server is the local issuer or Cognito's
 * managed login is.
 */
public record SignInConfig(String authorizeUrl, String tokenUrl, String logoutUrl, String clientId, String redirectUri,
                           List<String> scopes) {

    static final List<String> SCOPES = List.of("openid", "email", "profile");

    /** The endpoints of the authorization server at {@code base} (Cognito's managed-login domain, or this server). */
    static SignInConfig at(String base, String clientId, URI redirectUri) {
        return new SignInConfig(base + "/oauth2/authorize", base + "/oauth2/token", base + "/logout", clientId,
                redirectUri.toString(), SCOPES);
    }
}
