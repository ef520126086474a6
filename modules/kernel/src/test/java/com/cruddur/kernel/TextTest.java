package com.cruddur.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void lengthCountsCodePointsAsPeopleSeeThem() {
        assertThat(Text.length("crud")).isEqualTo(4);
        assertThat(Text.length("😀👍")).as("two emoji, four UTF-16 units").isEqualTo(2);
        assertThat(Text.length("")).isZero();
    }

    @Test
    void blankMeansNothingButWhitespaceUnicodeIncluded() {
        assertThat(Text.isBlank(null)).isTrue();
        assertThat(Text.isBlank("")).isTrue();
        assertThat(Text.isBlank(" \t\n\u00a0\u2003\u3000")).isTrue();
        assertThat(Text.isBlank(" x ")).isFalse();
        assertThat(Text.isBlank("\u200b")).as("a zero-width space is not whitespace to Java").isFalse();
    }
}
