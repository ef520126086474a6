package com.cruddur.kernel;

/** A problem with the caller's input, returned in a mutation payload's {@code errors}. */
public record UserError(String field, String code, String message) {
}
