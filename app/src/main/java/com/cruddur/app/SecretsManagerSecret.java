package com.cruddur.app;

import com.cruddur.database.RotatingCredentials;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * Where the server reads {@code DB_SECRET_ID}: Secrets Manager's {@code GetSecretValue}, through the AWS SDK's
 * Secrets Manager client over the JDK's URL connection (no Netty, no Apache client). Each read asks the service: the
 * server reads the secret at start and again only after PostgreSQL refused the password it held.
 *
 * @param secretId   the secret's name or ARN
 * @param region     {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}, else the SDK's own lookup (instance metadata)
 * @param endpoint   {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}, else {@code AWS_ENDPOINT_URL}: another Secrets Manager
 *                   (a test's), or null for AWS's
 * @param accessKeys {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN} when set;
 *                   otherwise the SDK's default chain (the instance's or task's role, profiles, ...)
 */
public record SecretsManagerSecret(String secretId, String region, URI endpoint, Map<String, String> accessKeys) {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    /** {@code DB_SECRET_ID} and what reaching Secrets Manager takes, or null without {@code DB_SECRET_ID}. */
    static SecretsManagerSecret fromEnvironment(Map<String, String> env) {
        String secretId = env.get("DB_SECRET_ID");
        if (secretId == null || secretId.isBlank()) {
            return null;
        }
        String region = firstSet(env, "AWS_REGION", "AWS_DEFAULT_REGION");
        String endpoint = firstSet(env, "AWS_ENDPOINT_URL_SECRETS_MANAGER", "AWS_ENDPOINT_URL");
        Map<String, String> keys = env.get("AWS_ACCESS_KEY_ID") == null || env.get("AWS_SECRET_ACCESS_KEY") == null ? Map.of()
                : Map.of("id", env.get("AWS_ACCESS_KEY_ID"), "secret", env.get("AWS_SECRET_ACCESS_KEY"),
                        "token", env.getOrDefault("AWS_SESSION_TOKEN", ""));
        try {
            return new SecretsManagerSecret(secretId.strip(), region, endpoint == null ? null : URI.create(endpoint), keys);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("AWS_ENDPOINT_URL_SECRETS_MANAGER is not a URL");
        }
    }

    /** The credentials this secret holds, read when first needed and again after a refused login. */
    RotatingCredentials credentials() {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(CALL_TIMEOUT))
                .overrideConfiguration(override -> override.apiCallTimeout(CALL_TIMEOUT))
                .credentialsProvider(credentialsProvider());
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        SecretsManagerClient client = builder.build();
        return new RotatingCredentials(secretId, fresh -> client.getSecretValue(request -> request.secretId(secretId)).secretString());
    }

    private AwsCredentialsProvider credentialsProvider() {
        if (accessKeys.isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(accessKeys.get("token").isEmpty()
                ? AwsBasicCredentials.create(accessKeys.get("id"), accessKeys.get("secret"))
                : AwsSessionCredentials.create(accessKeys.get("id"), accessKeys.get("secret"), accessKeys.get("token")));
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "secret " + secretId + (endpoint == null ? "" : " at " + endpoint);
    }
}
