package com.cruddur.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DateTimeScalarTest {

    private static final DateTimeFormatter RFC_3339_UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Test
    void writesUtcWithMillisecondsTruncatedNotRounded() {
        assertThat(DateTimeScalar.format(Instant.parse("2026-11-23T23:10:00Z"))).isEqualTo("2026-11-23T23:10:00.000Z");
        assertThat(DateTimeScalar.format(Instant.parse("2026-02-03T04:05:06.789999999Z"))).isEqualTo("2026-02-03T04:05:06.789Z");
        assertThat(DateTimeScalar.format(Instant.parse("1969-12-31T23:59:59.999999999Z"))).isEqualTo("1969-12-31T23:59:59.999Z");
        assertThat(DateTimeScalar.format(Instant.parse("0000-01-01T00:00:00Z"))).isEqualTo("0000-01-01T00:00:00.000Z");
        assertThat(DateTimeScalar.format(Instant.parse("9999-12-31T23:59:59.999Z"))).isEqualTo("9999-12-31T23:59:59.999Z");
    }

    @Test
    void yearsBeyondFourDigitsAreWrittenAsTheFormatterWritesThem() {
        for (String text : new String[] {"+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59.5Z"}) {
            Instant instant = Instant.parse(text);
            assertThat(DateTimeScalar.format(instant)).isEqualTo(RFC_3339_UTC_MILLIS.format(instant));
        }
    }

    @Test
    void agreesWithTheFormatterAcrossFourCenturies() {
        SplittableRandom random = new SplittableRandom(20261124);
        long from = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2300-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(1_000_000_000));
            assertThat(DateTimeScalar.format(instant)).isEqualTo(RFC_3339_UTC_MILLIS.format(instant));
        }
    }
}
