package com.cruddur.app.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.cruddur.database.ConnectionSettings;
import com.cruddur.database.DatabaseLocation;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.ScriptRunner;
import com.cruddur.testing.ScriptRunner.Result;
import com.cruddur.testing.TestData;
import com.cruddur.testing.TestDatabase;
import com.cruddur.testing.TestPostgresServer;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The db-* scripts against the tests' own PostgreSQL. An integration test (failsafe): db-schema-load, db-seed
 * and db-setup run the server jar, which exists only once the package phase has built it.
 */
@ExtendWith(PostgresExtension.class)
class DbScriptsIT {

    private static final String JAR = System.getProperty("cruddur.jar",
            ScriptRunner.ROOT.resolve("app/target/cruddur.jar").toString());

    private final TestDatabase database;

    @TempDir
    Path workspace;

    DbScriptsIT(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void emptyTables() {
        database.execute("DELETE FROM activities; DELETE FROM users;");
    }

    @Test
    void setupBuildsTheSchemaAndSeedFromNothingAndIsRepeatable() throws SQLException {
        DatabaseLocation fresh = newDatabaseName();
        try {
            Result first = scripts().with("CONNECTION_URL", fresh.libpqUrl()).run("db-setup");

            assertThat(first.exitCode()).as(first.toString()).isZero();
            assertThat(first.stdout()).startsWith("==== db-setup\n").containsSubsequence(
                    "== db-drop", "does not exist: nothing to drop",
                    "== db-create", "created database " + fresh.database(),
                    "== db-schema-load", "migrations: 1 applied",
                    "== db-seed", "seed: loaded", "db-setup: done");
            assertThat(count(fresh, "SELECT count(*) FROM users")).isEqualTo(4);
            long activities = count(fresh, "SELECT count(*) FROM activities");
            assertThat(activities).isPositive();

            new TestData(ConnectionSettings.named("scripts-test").unpooledDataSource(fresh)).user("leftover").insert();
            Result second = scripts().with("CONNECTION_URL", fresh.libpqUrl()).run("db-setup");

            assertThat(second.exitCode()).as(second.toString()).isZero();
            assertThat(second.stdout()).contains("dropped database " + fresh.database(), "migrations: 1 applied", "db-setup: done");
            assertThat(count(fresh, "SELECT count(*) FROM users")).isEqualTo(4);
            assertThat(count(fresh, "SELECT count(*) FROM activities")).isEqualTo(activities);
        } finally {
            dropIfExists(fresh);
        }
    }

    @Test
    void setupStopsAtTheFirstFailure() throws SQLException {
        try (Connection held = connect(database.location(), "held-by-setup-test")) {
            insertUser("keeper");

            Result result = scripts().with("CONNECTION_URL", database.location().libpqUrl()).run("db-setup");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stdout()).contains("== db-drop", "held-by-setup-test").doesNotContain("== db-create");
            assertThat(result.stderr()).contains("other session(s) are connected", "db-setup: stopped at the first failure");
            assertThat(held.isValid(2)).isTrue();
            assertThat(database.queryValue("SELECT count(*) FROM users", Long.class)).isEqualTo(1);
        }
    }

    @Test
    void schemaLoadOnADatabaseHoldingUsersKeepsThem() {
        insertUser("keeper");
        long migrations = database.queryValue("SELECT count(*) FROM flyway_schema_history", Long.class);

        Result result = scripts().with("CONNECTION_URL", database.location().libpqUrl()).run("db-schema-load");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).startsWith("== db-schema-load\n").contains("migrations: 0 applied");
        assertThat(database.queryValue("SELECT handle FROM users", String.class)).isEqualTo("keeper");
        assertThat(database.queryValue("SELECT count(*) FROM flyway_schema_history", Long.class)).isEqualTo(migrations);
    }

    @Test
    void aFailingMigrationIsOneLineWithTheUrlMasked() {
        DatabaseLocation missing = newDatabaseName().withCredentials(database.location().user(), "Pw-not-shown");

        Result result = scripts().with("CONNECTION_URL", missing.libpqUrl()).run("db-schema-load");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).startsWith("cruddur migrate failed on postgresql://" + missing.user() + ":***@")
                .contains(missing.database()).hasLineCount(1).doesNotContain("Pw-not-shown");
    }

    @Test
    void seedLoadsTheDevelopmentData() {
        Result result = scripts().with("CONNECTION_URL", database.location().libpqUrl()).run("db-seed");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).startsWith("== db-seed\n").contains("seed: loaded");
        assertThat(database.queryValue("SELECT count(*) FROM users", Long.class)).isEqualTo(4);
    }

    @Test
    void sessionsListsASessionTheTestHoldsOpen() throws SQLException {
        try (Connection held = connect(database.location(), "held-by-sessions-test")) {
            int pid = backendPid(held);

            Result result = scripts().with("CONNECTION_URL", database.location().libpqUrl()).run("db-sessions");

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout()).startsWith("== db-sessions\n")
                    .containsPattern("pid +\\| +user +\\| +database +\\| +client_address +\\| +application +\\| +state +\\| +idle_for")
                    .containsPattern("(?m)^ *" + pid + " \\| .* \\| " + database.location().database()
                            + " +\\| .* \\| held-by-sessions-test +\\| idle +\\| \\d\\d:\\d\\d:\\d\\d")
                    .doesNotContain("\u001b[");
        }
    }

    @Test
    void dropRefusesWhileSessionsExistAndForceTerminatesThem() throws SQLException {
        try (TestDatabase victim = TestPostgresServer.get().createEmptyDatabase();
             Connection held = connect(victim.location(), "held-by-drop-test")) {
            ScriptRunner scripts = scripts().with("CONNECTION_URL", victim.location().libpqUrl());

            Result refused = scripts.run("db-drop");

            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.stdout()).contains("held-by-drop-test");
            assertThat(refused.stderr()).isEqualTo("db-drop: 1 other session(s) are connected to " + victim.location().database()
                    + ": close them, or drop with --force (which terminates them)\n");
            assertThat(exists(victim.location())).isTrue();
            assertThat(held.isValid(2)).isTrue();

            Result forced = scripts.run("db-drop", "--force");

            assertThat(forced.exitCode()).as(forced.toString()).isZero();
            assertThat(forced.stdout()).contains("terminating 1 other session(s)", "dropped database " + victim.location().database());
            assertThat(exists(victim.location())).isFalse();
            assertThat(held.isValid(2)).isFalse();
        }
    }

    @Test
    void killAllTerminatesTheOtherSessions() throws SQLException {
        try (Connection held = connect(database.location(), "held-by-kill-all-test")) {
            Result result = scripts().with("CONNECTION_URL", database.location().libpqUrl()).run("db-kill-all");

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout()).containsPattern("terminated [1-9]\\d* session\\(s\\) on " + database.location().database());
            assertThat(held.isValid(2)).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"db-create", "db-drop", "db-schema-load", "db-connect", "db-sessions", "db-kill-all"})
    void prodWithoutProdConnectionUrlExitsWithStatus2AndTouchesNothing(String script) {
        insertUser("local");

        Result result = scripts().with("CONNECTION_URL", database.location().libpqUrl()).run(script, "prod");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).contains("Running in production mode").doesNotContain("target:");
        assertThat(result.stderr()).isEqualTo(script + ": PROD_CONNECTION_URL is not set\n");
        assertThat(database.queryValue("SELECT count(*) FROM users", Long.class)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"db-drop", "db-kill-all"})
    void aDestructiveProdStepWithoutConfirmationDoesNothing(String script) throws SQLException {
        insertUser("production");
        try (Connection held = connect(database.location(), "held-by-prod-test")) {
            // The database's name on a pipe is not an operator at a terminal: it does not confirm.
            Result result = scripts().with("PROD_CONNECTION_URL", database.location().libpqUrl())
                    .runWithInput(database.location().database() + "\n", script, "prod");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.stdout()).contains("Running in production mode", "target: ");
            assertThat(result.stderr()).startsWith(script + ": a production step that ")
                    .endsWith("needs confirmation: run it in a terminal, or add --yes; nothing was done\n");
            assertThat(exists(database.location())).isTrue();
            assertThat(held.isValid(2)).isTrue();
            assertThat(database.queryValue("SELECT string_agg(handle, ',') FROM users", String.class)).isEqualTo("production");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "db-seed, prod, 'refusing to load the development seed (sql/seed.sql) into production'",
        "db-seed, prod --yes, 'refusing to load the development seed (sql/seed.sql) into production'",
        "db-setup, prod, 'refusing to set up production: db-setup loads the development seed (sql/seed.sql)'",
        "db-setup, prod --yes --force, 'refusing to set up production: db-setup loads the development seed (sql/seed.sql)'"})
    void theDevelopmentSeedNeverGoesToProduction(String script, String arguments, String refusal) throws SQLException {
        insertUser("production");
        try (Connection held = connect(database.location(), "held-by-prod-test")) {
            Result result = scripts().with("PROD_CONNECTION_URL", database.location().libpqUrl())
                    .run(script, arguments.split(" "));

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
            assertThat(result.stdout()).doesNotContain("target:");
            assertThat(result.stderr()).startsWith(script + ": " + refusal).endsWith("; nothing was done\n").hasLineCount(1);
            assertThat(held.isValid(2)).isTrue();
            assertThat(database.queryValue("SELECT string_agg(handle, ',') FROM users", String.class)).isEqualTo("production");
        }
    }

    @Test
    void aConfirmedProdStepRunsOnProdConnectionUrlOnly() throws SQLException {
        try (TestDatabase local = TestPostgresServer.get().createEmptyDatabase();
             Connection prodSession = connect(database.location(), "held-by-prod-test");
             Connection localSession = connect(local.location(), "held-by-local-test")) {
            Result result = scripts().with("CONNECTION_URL", local.location().libpqUrl())
                    .with("PROD_CONNECTION_URL", database.location().libpqUrl())
                    .run("db-kill-all", "prod", "--yes");

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout()).contains("Running in production mode", "/" + database.location().database() + "\n");
            assertThat(prodSession.isValid(2)).isFalse();
            assertThat(localSession.isValid(2)).isTrue();
        }
    }

    @Test
    void passwordsInTheUrlAreMaskedEvenWhenTheConnectionFails() {
        String password = "Pw-" + UUID.randomUUID();
        ScriptRunner scripts = scripts();

        Result inUserPart = scripts.with("CONNECTION_URL", "postgresql://cruddur:" + password + "@127.0.0.1:1/cruddur").run("db-sessions");
        Result inParameter = scripts.with("CONNECTION_URL", "jdbc:postgresql://127.0.0.1:1/cruddur?user=cruddur&password=" + password)
                .run("db-sessions");

        assertThat(inUserPart.exitCode()).isNotZero();
        assertThat(inUserPart.stdout()).contains("target: postgresql://cruddur:***@127.0.0.1:1/cruddur\n");
        assertThat(inParameter.exitCode()).isNotZero();
        assertThat(inParameter.stdout()).contains("target: postgresql://cruddur:***@127.0.0.1:1/cruddur\n");
        assertThat(inUserPart.output() + inParameter.output()).doesNotContain(password);
    }

    @Test
    void passwordsAppearNeitherInOutputNorOnPsqlsCommandLine() throws IOException, SQLException {
        DatabaseLocation admin = database.location();
        assumeThat(admin.password()).as("needs a server that accepts any password, as the embedded one does").isNull();
        String password = "Pw-" + UUID.randomUUID();
        DatabaseLocation fresh = newDatabaseName().withCredentials(admin.user(), password);
        Path psqlArguments = workspace.resolve("psql-arguments");
        Path bin = Files.createDirectories(workspace.resolve("bin"));
        ScriptRunner.executable(bin.resolve("psql"), """
                #!/bin/sh
                printf '%%s\\n' "$@" >> '%s'
                exec '%s' "$@"
                """.formatted(psqlArguments, realProgram("psql")));
        try {
            Result result = scripts().withFirstOnPath(bin).with("CONNECTION_URL", fresh.libpqUrl()).run("db-setup");

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout()).contains("target: postgresql://" + admin.user() + ":***@");
            assertThat(result.output()).doesNotContain(password);
            assertThat(Files.readString(psqlArguments)).contains(fresh.database()).doesNotContain(password);
        } finally {
            dropIfExists(fresh);
        }
    }

    @Test
    void aUrlWithoutAUserTakesPgUserAndPgPasswordAsLibpqDoes() {
        DatabaseLocation admin = database.location();
        ScriptRunner scripts = scripts().with("CONNECTION_URL", admin.withCredentials(null, null).libpqUrl())
                .with("PGUSER", admin.user());
        if (admin.password() != null) {
            scripts.with("PGPASSWORD", admin.password());
        }

        Result sessions = scripts.run("db-sessions");
        Result seed = scripts.run("db-seed");

        String target = "target: postgresql://" + admin.user() + (admin.password() == null ? "" : ":***") + "@"
                + admin.host() + ":" + admin.port() + "/" + admin.database() + " (user from PGUSER)\n";
        assertThat(sessions.exitCode()).as(sessions.toString()).isZero();
        assertThat(sessions.stdout()).contains(target);
        assertThat(seed.exitCode()).as(seed.toString()).isZero();
        assertThat(seed.stdout()).contains(target, "seed: loaded");
        assertThat(database.queryValue("SELECT count(*) FROM users", Long.class)).isEqualTo(4);
    }

    @Test
    void aUrlWithoutAUserOrPgUserIsTheOperatingSystemsUserAndPgPasswordIsMasked() {
        String password = "Pw-" + UUID.randomUUID();

        Result result = scripts().with("CONNECTION_URL", "postgresql://127.0.0.1:1/cruddur").with("PGPASSWORD", password)
                .run("db-sessions");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stdout()).contains("target: postgresql://" + System.getProperty("user.name")
                + ":***@127.0.0.1:1/cruddur (user from the operating system)\n");
        assertThat(result.output()).doesNotContain(password);
    }

    @Test
    void withoutConnectionUrlTheScriptsSayWhenNoEmbeddedDatabaseAnswers() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        Result result = scripts().with("EMBEDDED_DB_PORT", Integer.toString(port)).run("db-sessions");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("db-sessions: CONNECTION_URL is not set and no embedded development database answers on localhost:"
                + port + " (start one with scripts/serve, or set CONNECTION_URL)\n");
    }

    @Test
    void withoutConnectionUrlTheScriptsUseTheRunningEmbeddedDatabase() {
        DatabaseLocation admin = database.location();
        assumeThat(TestPostgresServer.get().kind()).isEqualTo("embedded");

        Result result = scripts().with("EMBEDDED_DB_PORT", Integer.toString(admin.port())).run("db-sessions");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("target: postgresql://postgres@localhost:" + admin.port() + "/cruddur\n");
    }

    private ScriptRunner scripts() {
        return new ScriptRunner(workspace).with("CRUDDUR_JAR", JAR);
    }

    private DatabaseLocation newDatabaseName() {
        return database.location().withDatabase("cruddur_scripts_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    private void insertUser(String handle) {
        new TestData(database).user(handle).insert();
    }

    private static Connection connect(DatabaseLocation location, String applicationName) throws SQLException {
        return ConnectionSettings.named(applicationName).open(location);
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static long count(DatabaseLocation location, String sql) throws SQLException {
        try (Connection connection = connect(location, "scripts-test");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(DatabaseLocation location, String sql) throws SQLException {
        try (Connection connection = connect(location, "scripts-test"); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static boolean exists(DatabaseLocation location) throws SQLException {
        return count(location.withDatabase("postgres"),
                "SELECT count(*) FROM pg_database WHERE datname = '" + location.database() + "'") == 1;
    }

    private static void dropIfExists(DatabaseLocation location) throws SQLException {
        execute(location.withDatabase("postgres"), "DROP DATABASE IF EXISTS " + location.database() + " WITH (FORCE)");
    }

    private static Path realProgram(String name) {
        for (String directory : System.getenv("PATH").split(File.pathSeparator)) {
            Path program = Path.of(directory, name);
            if (Files.isExecutable(program)) {
                return program;
            }
        }
        throw new IllegalStateException(name + " is not on PATH");
    }
}
