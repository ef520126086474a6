package com.cruddur.app.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.testing.ScriptRunner;
import com.cruddur.testing.ScriptRunner.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One .env rule for every script that reads it: a variable set in the environment wins, and a value is the rest of
 * its line exactly as written (no shell expansion). Each script runs against recording stand-ins for the programs
 * it starts (java, psql, aws), which show the environment the script handed over.
 */
class EnvFileTest {

    /** Everything a shell would expand, run or split, and trailing spaces. */
    private static final String LITERAL = "pa$HOME & 'q' \"dq\" `id` $(id) \\t; ${PATH} end  ";

    private static final String ENV_FILE = """
            # a comment, and a line that is no assignment
            not an assignment
            CONNECTION_URL=postgresql://dotenv:dotenv-pw@127.0.0.1:9/from_dotenv
            PROD_CONNECTION_URL=postgresql://dotenv:dotenv-pw@127.0.0.1:9/from_dotenv
            PORT=1111
            DOTENV_LITERAL=%s
            export EXPORTED_IN_DOTENV=yes
            SINGLE_QUOTED='single $HOME'
            DOUBLE_QUOTED="double $HOME"
            WINDOWS_LINE=crlf\r
            DB_SG_ID=sg-0123abcd
            DB_SG_RULE_ID=sgr-0123abcd
            GITPOD_IP=203.0.113.7
            """.formatted(LITERAL);

    private static final String ENV_URL = "postgresql://env:env-pw@127.0.0.1:9/from_env";

    @TempDir
    Path workspace;

    private ScriptRunner scripts;

    @BeforeEach
    void recordingPrograms() throws IOException {
        scripts = new ScriptRunner(workspace);
        Path bin = scripts.directory("bin");
        for (String program : new String[] {"java", "psql", "pg_isready", "aws"}) {
            ScriptRunner.recorder(bin, program, workspace.resolve(program + ".log"), program.equals("psql") ? "0\n" : "");
        }
        Path jar = Files.writeString(workspace.resolve("cruddur.jar"), "not run: java is a recorder");
        scripts.withFirstOnPath(bin).withEnvFile(ENV_FILE).with("CRUDDUR_JAR", jar.toString())
                .with("PORT", "2222").with("CONNECTION_URL", ENV_URL);
    }

    @ParameterizedTest
    @CsvSource({
        "serve, java", "dev-token andrewbrown, java",
        "db-create, psql", "db-drop, psql", "db-kill-all, psql", "db-sessions, psql", "db-connect, psql",
        "db-schema-load, java", "db-seed, java", "db-setup, java",
        "rds-create, aws", "rds-update-sg-rule, aws"})
    void theEnvironmentWinsAndValuesAreTakenLiterally(String command, String program) {
        String[] words = command.split(" ");
        Result result = scripts.run(words[0], Arrays.copyOfRange(words, 1, words.length));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Map<String, String> run = ScriptRunner.recorded(workspace.resolve(program + ".log"));
        assertThat(run).containsEntry("PORT", "2222")
                .containsEntry("DOTENV_LITERAL", LITERAL)
                .containsEntry("EXPORTED_IN_DOTENV", "yes")
                .containsEntry("SINGLE_QUOTED", "single $HOME")
                .containsEntry("DOUBLE_QUOTED", "double $HOME")
                .containsEntry("WINDOWS_LINE", "crlf");
        assertThat(result.output()).doesNotContain("from_dotenv");
        if (words[0].startsWith("db-")) {
            assertThat(result.stdout()).contains("target: postgresql://env:***@127.0.0.1:9/from_env\n");
        }
        if (program.equals("java") && !words[0].equals("dev-token") && !words[0].equals("serve")) {
            assertThat(run).containsEntry("CONNECTION_URL", ENV_URL);
        }
        if (program.equals("psql")) {
            assertThat(run).containsEntry("PGPASSWORD", "env-pw");
            assertThat(run.entrySet()).filteredOn(entry -> entry.getKey().startsWith("argument "))
                    .isNotEmpty().noneMatch(entry -> entry.getValue().contains("env-pw"));
        }
    }

    @ParameterizedTest
    @CsvSource({"serve", "dev-token andrewbrown"})
    void theServerJarGetsTheUrlOfTheEnvironment(String command) {
        String[] words = command.split(" ");
        Result result = scripts.run(words[0], Arrays.copyOfRange(words, 1, words.length));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(ScriptRunner.recorded(workspace.resolve("java.log"))).containsEntry("CONNECTION_URL", ENV_URL);
    }

    @Test
    void aValueOnlyInDotEnvIsUsed() {
        Result result = scripts.without("CONNECTION_URL").run("db-sessions");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("target: postgresql://dotenv:***@127.0.0.1:9/from_dotenv\n");
        assertThat(ScriptRunner.recorded(workspace.resolve("psql.log"))).containsEntry("PGPASSWORD", "dotenv-pw");
    }

    @Test
    void aUrlWithoutAUserReachesTheJarWithLibpqsUserAndPassword() {
        Result result = scripts.with("CONNECTION_URL", "postgresql://db.example:5432/cruddur?sslmode=require")
                .with("PGUSER", "alice").with("PGPASSWORD", "p@ss word&$x").run("serve");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(ScriptRunner.recorded(workspace.resolve("java.log")))
                .containsEntry("CONNECTION_URL", "postgresql://alice:p%40ss%20word%26%24x@db.example:5432/cruddur?sslmode=require");
    }
}
