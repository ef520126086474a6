package com.cruddur.app.graphql;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A GraphQL response as JSON bytes. A response is maps, lists, strings, numbers, booleans and nulls, so those are
 * written straight to the generator: going through {@link ObjectMapper#writeValueAsBytes} looked up a serializer
 * for every value, a tenth of a feed request's CPU. Anything else is left to the mapper.
 */
final class ResponseJson {

    private final ObjectMapper json;

    ResponseJson(ObjectMapper json) {
        this.json = json;
    }

    byte[] write(Map<String, Object> response) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        try (JsonGenerator generator = json.getFactory().createGenerator(bytes)) {
            writeValue(generator, response);
        } catch (IOException e) {
            throw new UncheckedIOException("a GraphQL response could not be written as JSON", e);
        }
        return bytes.toByteArray();
    }

    private void writeValue(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object element : list) {
                writeValue(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else {
            json.writeValue(generator, value);
        }
    }
}
