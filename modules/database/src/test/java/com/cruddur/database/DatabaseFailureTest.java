package com.cruddur.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseFailureTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "08000", "08001", "08003", "08006", "08P01", // connection exceptions
            "53000", "53100", "53200", "53300", "53400", // insufficient resources: too many connections, out of memory
            "57P01", "57P02", "57P03", "57P05",          // shutting down, crashed, starting, idle session closed
            "57014",                                     // query_canceled: the statement_timeout
            "55P03", "40001", "40P01"})                  // lock timeout, serialization failure, deadlock
    void aRetryCanSucceed(String sqlState) {
        assertThat(DatabaseFailure.isUnavailable(new SQLException("x", sqlState))).isTrue();
        assertThat(DatabaseFailure.isUnavailable(new RuntimeException(new SQLException("x", sqlState)))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "23505", "23502", "22001", "22P02", "42601", "42P01", "42501", "28P01", "3D000",
            "57P04", "57000", "40002", "XX000", "0A000", "25006"})
    void aRetryRepeatsTheFailure(String sqlState) {
        assertThat(DatabaseFailure.isUnavailable(new SQLException("x", sqlState))).isFalse();
    }

    @Test
    void timeoutsWithoutASqlStateAreUnavailable() {
        assertThat(DatabaseFailure.isUnavailable(new SQLTransientConnectionException("pool timed out"))).isTrue();
        assertThat(DatabaseFailure.isUnavailable(new UncheckedIOException(new SocketTimeoutException("read timed out")))).isTrue();
    }

    @Test
    void anythingElseIsAnError() {
        assertThat(DatabaseFailure.isUnavailable(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseFailure.isUnavailable(new SQLException("no state"))).isFalse();
        assertThat(DatabaseFailure.isUnavailable((String) null)).isFalse();
        assertThat(DatabaseFailure.isUnavailable("08")).isFalse();
    }
}
