package com.cruddur.lambda;

import com.cruddur.database.JsonObjects;
import com.cruddur.database.RotatingCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code DB_SECRET_ID} read through the AWS Parameters and Secrets Lambda Extension (a layer): a plain HTTP GET on
 * {@code localhost:2773} (or {@code PARAMETERS_SECRETS_EXTENSION_HTTP_PORT}) that the extension answers from its
 * cache or Secrets Manager, authorised by the function's session token. No AWS SDK in the jar. After a refused login
 * the re-read asks the extension to bypass its cache ({@code refreshNow=true}).
 */
final class ExtensionSecret {

    private static final int CONNECT_TIMEOUT_MS = 1000;
    private static final int READ_TIMEOUT_MS = 2000;

    private ExtensionSecret() {
    }

    /** The credentials of {@code DB_SECRET_ID}, or null when it is not set. */
    static RotatingCredentials fromEnvironment(Map<String, String> env) {
        String secretId = env.get("DB_SECRET_ID");
        if (secretId == null || secretId.isBlank()) {
            return null;
        }
        String port = env.getOrDefault("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", "2773");
        String token = env.get("AWS_SESSION_TOKEN");
        String url = "http://localhost:" + port + "/secretsmanager/get?secretId="
                + URLEncoder.encode(secretId.strip(), StandardCharsets.UTF_8);
        return new RotatingCredentials(secretId.strip(), fresh -> read(url + (fresh ? "&refreshNow=true" : ""), token));
    }

    private static String read(String url, String token) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
        connection.setReadTimeout(READ_TIMEOUT_MS);
        if (token != null) {
            connection.setRequestProperty("X-Aws-Parameters-Secrets-Token", token);
        }
        try {
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new IOException("the Parameters and Secrets extension answered HTTP " + status);
            }
            String body;
            try (InputStream in = connection.getInputStream()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Object secretString;
            try {
                secretString = JsonObjects.parse(body).get("SecretString");
            } catch (IllegalArgumentException e) {
                throw new IOException("the Parameters and Secrets extension's answer is not JSON");
            }
            if (!(secretString instanceof String value)) {
                throw new IOException("the secret has no SecretString");
            }
            return value;
        } finally {
            connection.disconnect();
        }
    }
}
