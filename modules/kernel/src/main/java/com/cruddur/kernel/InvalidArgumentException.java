package com.cruddur.kernel;

/** An argument outside what the field accepts (a page size of 500, a malformed cursor). Reported as {@code BAD_USER_INPUT}. */
public final class InvalidArgumentException extends RuntimeException {
    public InvalidArgumentException(String message) {
        super(message);
    }
}
