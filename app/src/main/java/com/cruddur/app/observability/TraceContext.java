package com.cruddur.app.observability;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A request's place in a W3C trace: the caller's trace id (or a new one when it sent no valid {@code traceparent}),
 * and this server's own span id. {@link #traceparent()} is the header that names this request's span.
 */
public record TraceContext(String traceId, String spanId, String flags) {

    private static final String VERSION = "00";
    private static final int LENGTH = 55; // 00-<32 hex>-<16 hex>-<2 hex>

    /** Continues the trace of a valid {@code traceparent} header, or starts one (not sampled). */
    public static TraceContext continueOrStart(String traceparent) {
        String spanId = randomHex(16);
        if (isValid(traceparent)) {
            return new TraceContext(traceparent.substring(3, 35), spanId, traceparent.substring(53, 55));
        }
        return new TraceContext(randomHex(32), spanId, "00");
    }

    public String traceparent() {
        return VERSION + "-" + traceId + "-" + spanId + "-" + flags;
    }

    /**
     * Version 00 is exactly 55 characters; a later version may append fields after a dash. Version ff, and all-zero
     * trace or parent ids, are invalid.
     */
    static boolean isValid(String header) {
        if (header == null || header.length() < LENGTH || header.length() > LENGTH && header.charAt(LENGTH) != '-') {
            return false;
        }
        String version = header.substring(0, 2);
        if (!isHex(version) || version.equals("ff") || version.equals(VERSION) && header.length() != LENGTH) {
            return false;
        }
        return header.charAt(2) == '-' && header.charAt(35) == '-' && header.charAt(52) == '-'
                && isHex(header.substring(3, 35)) && !isZero(header.substring(3, 35))
                && isHex(header.substring(36, 52)) && !isZero(header.substring(36, 52))
                && isHex(header.substring(53, 55));
    }

    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZero(String text) {
        return text.chars().allMatch(c -> c == '0');
    }

    private static String randomHex(int digits) {
        StringBuilder hex = new StringBuilder(digits);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (hex.length() < digits) {
            String part = Long.toHexString(random.nextLong());
            hex.append("0".repeat(16 - part.length())).append(part);
        }
        String id = hex.substring(0, digits);
        return isZero(id) ? randomHex(digits) : id;
    }
}
