package com.cruddur.lambda.local;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.cruddur.lambda.PostConfirmationHandler;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code scripts/lambda-invoke <event.json>}: the handler, created as the Lambda runtime creates it (database from
 * {@code CONNECTION_URL}), handles the event file read with the runtime's serializer; the returned event is
 * printed on stdout, the handler's log lines on stderr. Exits 1 when the invocation fails, as Lambda would report.
 */
public final class LocalInvoke {

    private LocalInvoke() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: lambda-invoke <event.json>");
            System.exit(2);
        }
        CognitoUserPoolPostConfirmationEvent event;
        try (InputStream json = Files.newInputStream(Path.of(args[0]))) {
            event = RuntimeEvents.fromJson(json);
        }
        try {
            CognitoUserPoolPostConfirmationEvent returned = new PostConfirmationHandler()
                    .handleRequest(event, new LocalContext(System.err::println));
            System.out.println(RuntimeEvents.toJson(returned));
        } catch (RuntimeException e) {
            System.err.println("invocation failed: " + e.getClass().getName() + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
