package com.cruddur.lambda;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Events read and written as the Lambda Java runtime does (aws-lambda-java-runtime-interface-client's
 * EventHandlerLoader): the event library's customised serializer for the types it lists, and the runtime's plain
 * Jackson serializer for the others, which include every Cognito user-pool event.
 */
final class RuntimeEvents {

    private static final PojoSerializer<CognitoUserPoolPostConfirmationEvent> SERIALIZER =
            runtimeSerializerFor(CognitoUserPoolPostConfirmationEvent.class);

    private RuntimeEvents() {
    }

    private static <T> PojoSerializer<T> runtimeSerializerFor(Class<T> type) {
        return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? LambdaEventSerializers.serializerFor(type, type.getClassLoader())
                : JacksonFactory.getInstance().getSerializer(type);
    }

    static CognitoUserPoolPostConfirmationEvent fromJson(InputStream json) {
        return SERIALIZER.fromJson(json);
    }

    static String toJson(CognitoUserPoolPostConfirmationEvent event) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        SERIALIZER.toJson(event, json);
        return json.toString(StandardCharsets.UTF_8);
    }

    /** A test event: {@code events/<name>.json} from the test resources. */
    static CognitoUserPoolPostConfirmationEvent resource(String name) {
        try (InputStream json = RuntimeEvents.class.getResourceAsStream("/events/" + name + ".json")) {
            if (json == null) {
                throw new IllegalArgumentException("no test event " + name);
            }
            return fromJson(json);
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
        return SERIALIZER.fromJson(toJson(event));
    }
}
