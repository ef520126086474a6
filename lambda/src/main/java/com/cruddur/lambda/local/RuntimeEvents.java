package com.cruddur.lambda.local;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Events read and written as the Lambda Java runtime does (aws-lambda-java-runtime-interface-client's
 * EventHandlerLoader): the event library's customised serializer for the types it lists, and the runtime's plain
 * Jackson serializer for the others, which include every Cognito user-pool event.
 */
public final class RuntimeEvents {

    private static final PojoSerializer<CognitoUserPoolPostConfirmationEvent> SERIALIZER =
            runtimeSerializerFor(CognitoUserPoolPostConfirmationEvent.class);

    private RuntimeEvents() {
    }

    private static <T> PojoSerializer<T> runtimeSerializerFor(Class<T> type) {
        return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? LambdaEventSerializers.serializerFor(type, type.getClassLoader())
                : JacksonFactory.getInstance().getSerializer(type);
    }

    public static CognitoUserPoolPostConfirmationEvent fromJson(InputStream json) {
        return SERIALIZER.fromJson(json);
    }

    public static String toJson(CognitoUserPoolPostConfirmationEvent event) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        SERIALIZER.toJson(event, json);
        return json.toString(StandardCharsets.UTF_8);
    }

    public static CognitoUserPoolPostConfirmationEvent fromJson(String json) {
        return SERIALIZER.fromJson(json);
    }
}
