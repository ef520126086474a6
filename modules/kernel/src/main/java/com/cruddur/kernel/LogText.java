package com.cruddur.kernel;

/**
 * A value a client chose (a path, an operation name, a claim), made safe for a log line: control characters, line
 * separators and lone surrogates escaped (a newline becomes backslash-n, ESC a backslash-u escape), so it cannot
 * forge a line or a terminal sequence, and cut to {@value #MAX_CHARS} characters, so it cannot flood the log. Every
 * log call that takes client input passes it through here.
 */
public final class LogText {

    public static final int MAX_CHARS = 200;

    private LogText() {
    }

    public static String of(Object value) {
        String text = String.valueOf(value);
        StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 16);
        int shown = Math.min(text.length(), MAX_CHARS);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> safe.append("\\n");
                case '\r' -> safe.append("\\r");
                case '\t' -> safe.append("\\t");
                case '\\' -> safe.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || isLoneSurrogate(text, i)) {
                        safe.append(String.format("\\u%04x", (int) c));
                    } else {
                        safe.append(c);
                    }
                }
            }
        }
        if (text.length() > shown) {
            safe.append("...(").append(text.length()).append(" chars)");
        }
        return safe.toString();
    }

    private static boolean isLoneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }
}
