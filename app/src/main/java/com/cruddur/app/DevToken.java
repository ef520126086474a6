package com.cruddur.app;

import com.cruddur.app.auth.LocalIssuer;
import com.cruddur.database.ConnectionPool;
import com.cruddur.database.DatabaseLocation;
import com.cruddur.user.Users;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code cruddur dev-token <handle>}: an access token from the local issuer for an existing user, whose
 * {@code cognito_user_id} becomes its {@code sub}. It reads the user from {@code CONNECTION_URL}, or else from the
 * embedded database of a running {@code scripts/serve}. Only the token goes to {@code out}.
 */
final class DevToken {

    private DevToken() {
    }

    /** Returns the process exit status. */
    static int print(AppConfig config, String handle, PrintStream out, PrintStream err) {
        if (config.production() || config.cognito().isPresent()) {
            err.println("cruddur: dev-token uses the local token issuer, which is off in production and when a "
                    + "Cognito user pool is configured; sign in through Cognito instead");
            return 2;
        }
        DatabaseLocation location = config.database().orElseGet(() -> new DatabaseLocation(
                "localhost", config.embeddedPort(), Application.EMBEDDED_DATABASE_NAME, "postgres", null, ""));
        Optional<String> cognitoUserId;
        try (HikariDataSource pool = ConnectionPool.open(location, config.databaseCredentials(), config.pool())) {
            cognitoUserId = new Users(Jdbi.create(pool)).cognitoUserIdOfHandle(handle);
        } catch (RuntimeException e) {
            err.println("cruddur: cannot read users from " + location + " (is scripts/serve running?): " + e.getMessage());
            return 1;
        }
        if (cognitoUserId.isEmpty()) {
            err.println("cruddur: no user has the handle " + handle);
            return 1;
        }
        LocalIssuer issuer = LocalIssuer.open(config.localIssuerKeyFile(), config.production(), config.cognito().isPresent());
        out.println(issuer.accessToken(cognitoUserId.get(), handle, Instant.now()));
        return 0;
    }
}
