package com.cruddur.lambda;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.cruddur.lambda.local.RuntimeEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The sample events of {@code src/test/resources/events/}, read as the Lambda Java runtime reads them. */
final class TestEvents {

    private TestEvents() {
    }

    /** {@code events/<name>.json}. */
    static CognitoUserPoolPostConfirmationEvent resource(String name) {
        try (InputStream json = TestEvents.class.getResourceAsStream("/events/" + name + ".json")) {
            if (json == null) {
                throw new IllegalArgumentException("no test event " + name);
            }
            return RuntimeEvents.fromJson(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference sign-up with its user attributes changed, round-tripped through JSON as Cognito would send it. */
    static CognitoUserPoolPostConfirmationEvent signUpWith(Consumer<Map<String, String>> change) {
        CognitoUserPoolPostConfirmationEvent event = resource("post-confirmation-sign-up");
        Map<String, String> attributes = new HashMap<>(event.getRequest().getUserAttributes());
        change.accept(attributes);
        event.getRequest().setUserAttributes(attributes);
        return RuntimeEvents.fromJson(RuntimeEvents.toJson(event));
    }
}
