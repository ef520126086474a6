package com.cruddur.app.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.app.AppConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFormatTest {

    @Test
    void jsonInProductionTextInDevelopmentAndLogFormatOverridesBoth() {
        assertThat(LogFormat.of(Map.of())).isEqualTo("text");
        assertThat(LogFormat.of(Map.of("CRUDDUR_ENV", "production"))).isEqualTo("json");
        assertThat(LogFormat.of(Map.of("CRUDDUR_ENV", "production", "LOG_FORMAT", "text"))).isEqualTo("text");
        assertThat(LogFormat.of(Map.of("LOG_FORMAT", "json"))).isEqualTo("json");
    }

    @Test
    void anyOtherLogFormatIsAStartupError() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("LOG_FORMAT", "xml")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LOG_FORMAT must be json or text");
    }
}
