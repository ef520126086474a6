package com.cruddur.kernel;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * {@code DateTime}: an RFC 3339 instant, always written in UTC with a {@code Z} and milliseconds
 * (2026-11-23T23:10:00.000Z), whatever the offset of the value it came from.
 */
public final class DateTimeScalar {

    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    public static final GraphQLScalarType INSTANCE = GraphQLScalarType.newScalar()
            .name("DateTime")
            .description("An RFC 3339 instant, always serialised in UTC with a Z, e.g. 2026-11-23T23:10:00.000Z.")
            .coercing(new Coercing<Instant, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof Instant instant) {
                        return format(instant);
                    }
                    if (value instanceof OffsetDateTime dateTime) {
                        return format(dateTime.toInstant());
                    }
                    throw new CoercingSerializeException("not a date-time: " + value.getClass().getSimpleName());
                }

                @Override
                public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof String text) {
                        try {
                            return parse(text);
                        } catch (DateTimeParseException e) {
                            throw new CoercingParseValueException("not an RFC 3339 date-time: " + text);
                        }
                    }
                    throw new CoercingParseValueException("a DateTime must be a string");
                }

                @Override
                public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    if (input instanceof StringValue string) {
                        try {
                            return parse(string.getValue());
                        } catch (DateTimeParseException e) {
                            throw new CoercingParseLiteralException("not an RFC 3339 date-time: " + string.getValue());
                        }
                    }
                    throw new CoercingParseLiteralException("a DateTime must be a string");
                }
            })
            .build();

    private DateTimeScalar() {
    }

    public static String format(Instant instant) {
        return UTC_MILLIS.format(instant);
    }

    private static Instant parse(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }
}
