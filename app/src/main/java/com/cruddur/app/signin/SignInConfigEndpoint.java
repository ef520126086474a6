package com.cruddur.app.signin;

import com.cruddur.app.auth.CognitoUserPool;
import com.cruddur.app.auth.LocalIssuer;
import io.javalin.http.Context;
import java.net.URI;
import java.util.List;

/**
 * {@code GET /auth/config.json}: Cognito's managed-login URLs when {@code AWS_COGNITO_DOMAIN} is set, or the local
 * issuer's own. Of the registered callback URLs, the one on the host the browser asked is named, so a page opened
 * on {@code 127.0.0.1} comes back to {@code 127.0.0.1}; the Host header only chooses among registered values.
 */
public final class SignInConfigEndpoint {

    private final SignInSettings settings;
    private final CognitoUserPool cognito;

    private SignInConfigEndpoint(SignInSettings settings, CognitoUserPool cognito) {
        this.settings = settings;
        this.cognito = cognito;
    }

    public static SignInConfigEndpoint forCognito(SignInSettings settings, CognitoUserPool pool) {
        return new SignInConfigEndpoint(settings, pool);
    }

    public static SignInConfigEndpoint forLocalIssuer(SignInSettings settings) {
        return new SignInConfigEndpoint(settings, null);
    }

    public void serve(Context ctx) {
        int port = ctx.req().getLocalPort();
        SignInConfig config = cognito != null
                ? SignInConfig.at(settings.cognitoDomain().orElseThrow().toString(), cognito.clientId(),
                        pick(settings.redirectUris(port), ctx.header("Host")))
                : SignInConfig.at(LocalAuthorizationServer.baseUrl(ctx, settings), LocalIssuer.CLIENT_ID,
                        pick(settings.redirectUris(port), ctx.header("Host")));
        ctx.json(config);
    }

    /** The registered URL on the host the request was sent to, or else the first one. */
    static URI pick(List<URI> registered, String host) {
        if (host != null) {
            for (URI uri : registered) {
                if (uri.getRawAuthority().equalsIgnoreCase(host)) {
                    return uri;
                }
            }
        }
        return registered.get(0);
    }
}
