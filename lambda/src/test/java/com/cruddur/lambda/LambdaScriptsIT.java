package com.cruddur.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.database.DatabaseLocation;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.ScriptRunner;
import com.cruddur.testing.ScriptRunner.Result;
import com.cruddur.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/lambda-invoke against the tests' PostgreSQL, after the package phase has built the deployment jar and
 * target/local-runtime/. An integration test (failsafe).
 */
@ExtendWith(PostgresExtension.class)
class LambdaScriptsIT {

    private static final Path EVENT = Path.of("src", "test", "resources", "events", "post-confirmation-sign-up.json").toAbsolutePath();

    private final TestDatabase database;

    @TempDir
    Path workspace;

    LambdaScriptsIT(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void noUsers() {
        database.execute("DELETE FROM activities; DELETE FROM users");
    }

    @Test
    void lambdaInvokeRunsWhatLambdaPackageBuildsAndNoTestClasses() throws IOException {
        // The tree a fresh clone has after scripts/lambda-package: no test classes.
        Path root = Files.createDirectories(workspace.resolve("tree"));
        ScriptRunner.copy(ScriptRunner.ROOT.resolve("scripts"), root.resolve("scripts"));
        ScriptRunner.copy(Path.of("target", "local-runtime"), root.resolve("lambda/target/local-runtime"));
        ScriptRunner.copy(Path.of("target", "cruddur-sign-up-lambda.jar"), root.resolve("lambda/target/cruddur-sign-up-lambda.jar"));
        ScriptRunner.copy(ScriptRunner.ROOT.resolve("pom.xml"), root.resolve("pom.xml"));
        Files.createDirectories(root.resolve("modules"));

        Result result = scripts(root).with("CONNECTION_URL", database.location().libpqUrl()).run("lambda-invoke", EVENT.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("\"triggerSource\":\"PostConfirmation_ConfirmSignUp\"");
        assertThat(result.stderr()).contains("\"outcome\":\"CREATED\"").doesNotContain("lambda-package");
        assertThat(database.queryValue("SELECT handle FROM users", String.class)).isEqualTo("andrewbrown");
    }

    @Test
    void theEnvironmentWinsOverDotEnvAndAUrlWithoutAUserTakesPgUser() throws IOException {
        DatabaseLocation location = database.location();
        ScriptRunner scripts = scripts(ScriptRunner.ROOT)
                .withEnvFile("CONNECTION_URL=postgresql://nobody@127.0.0.1:" + unusedPort() + "/nowhere\n")
                .with("CONNECTION_URL", location.withCredentials(null, null).libpqUrl())
                .with("PGUSER", location.user());
        if (location.password() != null) {
            scripts.with("PGPASSWORD", location.password());
        }

        Result result = scripts.run("lambda-invoke", EVENT.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).contains("\"outcome\":\"CREATED\"");
        assertThat(database.queryValue("SELECT handle FROM users", String.class)).isEqualTo("andrewbrown");
    }

    @Test
    void aConnectionUrlOnlyInDotEnvIsUsed() throws IOException {
        Result result = scripts(ScriptRunner.ROOT).withEnvFile("CONNECTION_URL=" + database.location().libpqUrl() + "\n")
                .run("lambda-invoke", EVENT.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(database.queryValue("SELECT handle FROM users", String.class)).isEqualTo("andrewbrown");
    }

    @Test
    void dotEnvValuesAreTakenLiterally() {
        String literal = "pa$HOME & 'q' \"dq\" `id` $(id) end  ";
        ScriptRunner scripts = scripts(ScriptRunner.ROOT).withEnvFile("DOTENV_LITERAL=" + literal + "\nPORT=1111\n").with("PORT", "2222");
        Path bin = scripts.directory("bin");
        ScriptRunner.recorder(bin, "java", workspace.resolve("java.log"), "");

        Result result = scripts.withFirstOnPath(bin).run("lambda-invoke", EVENT.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(ScriptRunner.recorded(workspace.resolve("java.log")))
                .containsEntry("DOTENV_LITERAL", literal).containsEntry("PORT", "2222")
                .containsEntry("argument 3", "com.cruddur.lambda.local.LocalInvoke");
    }

    /** The embedded default of lambda-invoke goes to a port where nothing listens, never to a developer's database. */
    private ScriptRunner scripts(Path root) {
        try {
            return new ScriptRunner(workspace, root).with("EMBEDDED_DB_PORT", Integer.toString(unusedPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
