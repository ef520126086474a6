package com.cruddur.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.cruddur.database.DatabaseFailure;
import com.cruddur.user.Registration;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.postgresql.util.PSQLException;

/**
 * One JSON line per invocation, never with the event, an email, a name or a URL: what happened, and for a failure
 * its SQLSTATE, constraint and root exception class.
 */
final class SignUpLog {

    private final Context context;

    SignUpLog(Context context) {
        this.context = context;
    }

    void skipped(String triggerSource) {
        write(LogLevel.INFO, "not a sign-up: nothing to record", Map.of("triggerSource", String.valueOf(triggerSource)));
    }

    void registered(Registration registration, long elapsedMillis) {
        write(LogLevel.INFO, "sign-up recorded", Map.of("outcome", registration.name(), "ms", elapsedMillis));
    }

    void rejected(String code) {
        write(LogLevel.WARN, "sign-up rejected", Map.of("code", code));
    }

    /** Logs why the database failed and returns the exception that fails the invocation. */
    SignUpFailedException databaseFailed(RuntimeException failure) {
        SQLException sqlException = firstSqlException(failure);
        String sqlState = sqlException == null ? null : sqlException.getSQLState();
        Throwable root = rootCause(failure);
        String code = DatabaseFailure.isUnavailable(failure) ? "database_unavailable" : "database_error";
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("code", code);
        fields.put("sqlstate", String.valueOf(sqlState));
        if (sqlException instanceof PSQLException psql && psql.getServerErrorMessage() != null
                && psql.getServerErrorMessage().getConstraint() != null) {
            fields.put("constraint", psql.getServerErrorMessage().getConstraint());
        }
        fields.put("exception", root.getClass().getName());
        write(LogLevel.ERROR, "sign-up failed: database", fields);
        return new SignUpFailedException(code);
    }

    private static SQLException firstSqlException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sqlException) {
                return sqlException;
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private void write(LogLevel level, String message, Map<String, ?> fields) {
        StringBuilder line = new StringBuilder("{\"level\":").append(quote(level.name()))
                .append(",\"message\":").append(quote(message))
                .append(",\"requestId\":").append(quote(String.valueOf(context.getAwsRequestId())));
        fields.forEach((name, value) -> line.append(',').append(quote(name)).append(':')
                .append(value instanceof Number ? value.toString() : quote(value.toString())));
        context.getLogger().log(line.append('}').toString(), level);
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
