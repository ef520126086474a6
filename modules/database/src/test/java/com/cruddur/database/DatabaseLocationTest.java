package com.cruddur.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseLocationTest {

    @Test
    void whatTheUrlSaysWins() {
        DatabaseLocation location = DatabaseLocation.parse(
                "postgresql://cruddur%40app:p%40ss%3Aword@db.example:6543/cruddur?sslmode=verify-full",
                Map.of("PGUSER", "other", "PGPASSWORD", "other", "PGPORT", "1", "PGDATABASE", "other", "PGSSLMODE", "disable"));

        assertThat(location).isEqualTo(new DatabaseLocation("db.example", 6543, "cruddur", "cruddur@app", "p@ss:word",
                "sslmode=verify-full"));
        assertThat(location.toString()).isEqualTo("postgresql://cruddur@app:***@db.example:6543/cruddur");
    }

    @Test
    void aUrlWithoutCredentialsTakesThemFromPgUserAndPgPassword() {
        DatabaseLocation location = DatabaseLocation.parse("postgresql://db.example:5432/cruddur",
                Map.of("PGUSER", "cruddurapp", "PGPASSWORD", "s3cret"));

        assertThat(location.user()).isEqualTo("cruddurapp");
        assertThat(location.password()).isEqualTo("s3cret");
        assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/cruddur");
    }

    @Test
    void withoutPgUserTheUserIsTheOperatingSystemsAndThereIsNoPassword() {
        DatabaseLocation location = DatabaseLocation.parse("postgresql://db.example/cruddur", Map.of());

        assertThat(location.user()).isEqualTo(System.getProperty("user.name"));
        assertThat(location.password()).isNull();
        assertThat(location.port()).isEqualTo(5432);
    }

    @Test
    void aUserWithoutPasswordInTheUrlStillTakesPgPassword() {
        DatabaseLocation location = DatabaseLocation.parse("postgresql://cruddurapp@db.example/cruddur",
                Map.of("PGUSER", "other", "PGPASSWORD", "s3cret"));

        assertThat(location.user()).isEqualTo("cruddurapp");
        assertThat(location.password()).isEqualTo("s3cret");
    }

    @Test
    void portDatabaseAndTlsComeFromTheEnvironmentWhenTheUrlLeavesThemOut() {
        DatabaseLocation location = DatabaseLocation.parse("postgresql://db.example",
                Map.of("PGUSER", "cruddurapp", "PGPORT", "6432", "PGSSLMODE", "verify-full",
                        "PGSSLROOTCERT", "/var/task/global-bundle.pem"));

        assertThat(location.port()).isEqualTo(6432);
        assertThat(location.database()).as("libpq: the database defaults to the user's name").isEqualTo("cruddurapp");
        assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6432/cruddurapp"
                + "?sslmode=verify-full&sslrootcert=%2Fvar%2Ftask%2Fglobal-bundle.pem");
        assertThat(DatabaseLocation.parse("postgresql://db.example", Map.of("PGUSER", "u", "PGDATABASE", "cruddur")).database())
                .isEqualTo("cruddur");
    }

    @Test
    void aBadPgPortIsAClearError() {
        assertThatThrownBy(() -> DatabaseLocation.parse("postgresql://db.example/cruddur", Map.of("PGPORT", "five")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("PGPORT is not a port number");
    }

    @Test
    void credentialsInTheQueryCountAsTheUrls() {
        DatabaseLocation location = DatabaseLocation.parse("jdbc:postgresql://db.example:5432/cruddur?user=a&password=b&ssl=true",
                Map.of("PGUSER", "other"));

        assertThat(location.user()).isEqualTo("a");
        assertThat(location.password()).isEqualTo("b");
        assertThat(location.query()).isEqualTo("ssl=true");
    }
}
