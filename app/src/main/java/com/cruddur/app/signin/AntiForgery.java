package com.cruddur.app.signin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sign-in page's anti-forgery token: an HMAC, under a key made when the server starts, of the time the page
 * was served, the browser's own random cookie and the exact authorization request the page was served for. A
 * POST is accepted only from the browser that got the page, for that request, within {@link #LIFETIME}.
 */
final class AntiForgery {

    static final Duration LIFETIME = Duration.ofHours(1);

    private final SecretKeySpec key = new SecretKeySpec(Secrets.random().getBytes(StandardCharsets.US_ASCII), "HmacSHA256");
    private final Clock clock;

    AntiForgery(Clock clock) {
        this.clock = clock;
    }

    String token(String browserId, Map<String, List<String>> request) {
        long servedAt = clock.instant().getEpochSecond();
        return servedAt + "." + mac(servedAt, browserId, request);
    }

    boolean accepts(String token, String browserId, Map<String, List<String>> request) {
        if (token == null || browserId == null) {
            return false;
        }
        int dot = token.indexOf('.');
        long servedAt;
        try {
            servedAt = Long.parseLong(token.substring(0, Math.max(dot, 0)));
        } catch (NumberFormatException e) {
            return false;
        }
        Instant served = Instant.ofEpochSecond(servedAt);
        Instant now = clock.instant();
        if (served.isAfter(now.plusSeconds(5)) || served.plus(LIFETIME).isBefore(now)) {
            return false;
        }
        return MessageDigest.isEqual(token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII),
                mac(servedAt, browserId, request).getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(long servedAt, String browserId, Map<String, List<String>> request) {
        StringBuilder message = new StringBuilder().append(servedAt).append('\n').append(browserId);
        new TreeMap<>(request).forEach((name, values) -> values.forEach(value ->
                message.append('\n').append(name.length()).append(':').append(name).append('=')
                        .append(value.length()).append(':').append(value)));
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            return Secrets.base64url(hmac.doFinal(message.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
