package com.cruddur.lambda;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;

/**
 * The JVM side of {@code scripts/lambda-bench}. {@code cold <event.json>}: one sign-up of a new user, then exit (the
 * script times the whole process). {@code warm <event.json> <n>}: one sign-up to warm up, then {@code n} more, each
 * a new user, and prints the median and 99th percentile per invocation. Database: {@code CONNECTION_URL}.
 */
public final class LambdaBench {

    private LambdaBench() {
    }

    public static void main(String[] args) throws Exception {
        byte[] json = Files.readAllBytes(Path.of(args[1]));
        PostConfirmationHandler handler = new PostConfirmationHandler();
        invokeAsNewUser(handler, json);
        if (args[0].equals("warm")) {
            long[] nanos = new long[Integer.parseInt(args[2])];
            for (int i = 0; i < nanos.length; i++) {
                long started = System.nanoTime();
                invokeAsNewUser(handler, json);
                nanos[i] = System.nanoTime() - started;
            }
            Arrays.sort(nanos);
            System.out.printf("warm: %d invocations, median %.2f ms, p99 %.2f ms%n", nanos.length,
                    nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6);
        }
    }

    /** The event as the runtime would read it, for a user who does not exist yet (so each run really inserts). */
    private static void invokeAsNewUser(PostConfirmationHandler handler, byte[] json) throws Exception {
        CognitoUserPoolPostConfirmationEvent event;
        try (InputStream in = new java.io.ByteArrayInputStream(json)) {
            event = RuntimeEvents.fromJson(in);
        }
        String unique = UUID.randomUUID().toString();
        event.getRequest().getUserAttributes().put("sub", unique);
        event.getRequest().getUserAttributes().put("preferred_username", "bench_" + unique.substring(0, 20).replace('-', '_'));
        handler.handleRequest(event, new LocalContext());
    }
}
