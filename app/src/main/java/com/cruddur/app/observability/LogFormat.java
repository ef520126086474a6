package com.cruddur.app.observability;

import ch.qos.logback.core.PropertyDefinerBase;
import java.util.Map;

/**
 * Which appender logback.xml uses: {@code LOG_FORMAT} ({@code json} or {@code text}) when set, else {@code json}
 * in production ({@code CRUDDUR_ENV=production}) and {@code text} in development. The server refuses to start with
 * any other {@code LOG_FORMAT} (AppConfig); until then, logback falls back to text.
 */
public final class LogFormat extends PropertyDefinerBase {

    public static final String JSON = "json";
    public static final String TEXT = "text";

    @Override
    public String getPropertyValue() {
        return of(System.getenv());
    }

    public static String of(Map<String, String> env) {
        String chosen = env.get("LOG_FORMAT");
        if (JSON.equals(chosen) || TEXT.equals(chosen)) {
            return chosen;
        }
        return "production".equals(env.get("CRUDDUR_ENV")) ? JSON : TEXT;
    }
}
