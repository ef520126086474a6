package com.cruddur.lambda.local;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.cruddur.lambda.PostConfirmationHandler;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;

/**
 * The JVM side of {@code scripts/lambda-bench}. {@code cold <event.json>}: one sign-up of a new user, then exit (the
 * script times the whole process). {@code warm <event.json> <n>}: one sign-up to warm up, then {@code n} more, each
 * a new user, and prints the median and 99th percentile per invocation (the event read excluded: the runtime does it
 * before calling the handler). Database: {@code CONNECTION_URL}.
 */
public final class LambdaBench {

    private LambdaBench() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        byte[] json = Files.readAllBytes(Path.of(args[1]));
        CognitoUserPoolPostConfirmationEvent first = asNewUser(json);
        long eventRead = System.nanoTime();
        PostConfirmationHandler handler = new PostConfirmationHandler();
        long handlerCreated = System.nanoTime();
        handler.handleRequest(first, new LocalContext());
        long handled = System.nanoTime();
        if (args[0].equals("cold")) {
            System.out.printf("in the JVM: event read %d ms, handler created %d ms, first sign-up %d ms%n",
                    (eventRead - started) / 1_000_000, (handlerCreated - eventRead) / 1_000_000,
                    (handled - handlerCreated) / 1_000_000);
        } else {
            long[] nanos = new long[Integer.parseInt(args[2])];
            for (int i = 0; i < nanos.length; i++) {
                CognitoUserPoolPostConfirmationEvent event = asNewUser(json);
                long invoked = System.nanoTime();
                handler.handleRequest(event, new LocalContext());
                nanos[i] = System.nanoTime() - invoked;
            }
            Arrays.sort(nanos);
            System.out.printf("warm: %d invocations, median %.2f ms, p99 %.2f ms%n", nanos.length,
                    nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6);
        }
    }

    /** The event as the runtime would read it, for a user who does not exist yet (so each run really inserts). */
    private static CognitoUserPoolPostConfirmationEvent asNewUser(byte[] json) throws Exception {
        CognitoUserPoolPostConfirmationEvent event;
        try (InputStream in = new ByteArrayInputStream(json)) {
            event = RuntimeEvents.fromJson(in);
        }
        String unique = UUID.randomUUID().toString();
        event.getRequest().getUserAttributes().put("sub", unique);
        event.getRequest().getUserAttributes().put("preferred_username", "bench_" + unique.substring(0, 20).replace('-', '_'));
        return event;
    }
}
