package com.cruddur.kernel;

/** A dependency (database, key source) cannot be reached in time. Reported to clients as {@code UNAVAILABLE}. */
public final class ServiceUnavailableException extends RuntimeException {
    public ServiceUnavailableException(String message) {
        super(message);
    }

    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
