package com.cruddur.kernel;

/** A write was attempted without a valid access token. Reported to clients as {@code UNAUTHENTICATED}. */
public final class UnauthenticatedException extends RuntimeException {
    public UnauthenticatedException() {
        super("a valid access token is required");
    }
}
