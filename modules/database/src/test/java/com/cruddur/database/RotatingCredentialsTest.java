package com.cruddur.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RotatingCredentialsTest {

    @Test
    void readsTheSecretOnceAndAgainOnlyAfterARefusalOfWhatItHolds() throws SQLException {
        List<Boolean> reads = new ArrayList<>();
        String[] password = {"first"};
        RotatingCredentials credentials = new RotatingCredentials("secret", fresh -> {
            reads.add(fresh);
            return "{\"username\":\"cruddurroot\",\"password\":\"" + password[0] + "\"}";
        });

        RotatingCredentials.Credentials first = credentials.current();
        assertThat(credentials.current()).isSameAs(first);
        password[0] = "second";
        RotatingCredentials.Credentials second = credentials.afterRefusal(first);
        assertThat(credentials.afterRefusal(first)).as("another connection refused the old one too").isSameAs(second);

        assertThat(second.password()).isEqualTo("second");
        assertThat(reads).containsExactly(false, true);
        assertThat(second.toString()).isEqualTo("cruddurroot:***");
    }

    @Test
    void aSecretWithoutUsernameAndPasswordIsRefusedWithoutQuotingIt() {
        for (String secret : new String[] {"not json hunter2", "{\"username\":\"u\"}", "{\"password\":\"hunter2\"}", "[]", null}) {
            RotatingCredentials credentials = new RotatingCredentials("arn:secret", fresh -> secret);
            assertThatThrownBy(credentials::current).isInstanceOf(SQLException.class)
                    .hasMessageStartingWith("the database secret arn:secret could not be read")
                    .hasMessageNotContaining("hunter2")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
        }
    }

    @Test
    void readsJsonAsRfc8259Says() {
        Map<String, Object> parsed = JsonObjects.parse(" {\"a\":\"q\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\",\"n\":-1.5e3,"
                + "\"t\":true,\"f\":false,\"z\":null,\"list\":[1,{\"x\":[]}],\"o\":{}} ");
        assertThat(parsed).containsEntry("a", "q\"\\/\b\f\n\r\té\uD83D\uDE00").containsEntry("n", "-1.5e3")
                .containsEntry("t", true).containsEntry("f", false).containsEntry("z", null)
                .containsEntry("list", List.of("1", Map.of("x", List.of()))).containsEntry("o", Map.of());
        for (String invalid : new String[] {"", "{", "{\"a\":}", "{\"a\":1,}", "{\"a\":\"\n\"}", "{} {}", "{\"a\":\"\\x\"}"}) {
            assertThatThrownBy(() -> JsonObjects.parse(invalid)).as(invalid).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
