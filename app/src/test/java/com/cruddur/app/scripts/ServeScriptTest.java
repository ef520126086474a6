package com.cruddur.app.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.testing.ScriptRunner;
import com.cruddur.testing.ScriptRunner.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/serve's build step, run for real: Maven builds a tree that holds these scripts and a two-module project
 * which makes no jar. Its output goes to a file, not a terminal.
 */
class ServeScriptTest {

    private static final String POM = """
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>com.cruddur.test</groupId>
              <artifactId>%s</artifactId>
              <version>1</version>
              <packaging>pom</packaging>
              %s
            </project>
            """;

    @TempDir
    Path workspace;

    @Test
    void withoutATerminalServePrintsNoTerminalEscapes() throws IOException {
        Path root = Files.createDirectories(workspace.resolve("tree"));
        ScriptRunner.copy(ScriptRunner.ROOT.resolve("scripts"), root.resolve("scripts"));
        Files.writeString(root.resolve("pom.xml"), POM.formatted("root", "<modules><module>app</module></modules>"));
        Files.writeString(Files.createDirectories(root.resolve("app")).resolve("pom.xml"), POM.formatted("app", ""));

        Result result = new ScriptRunner(workspace, root).run("serve");

        assertThat(result.output()).as(result.toString()).doesNotContain("\u001b");
        assertThat(result.stdout()).startsWith("== serve\nbuilding app/target/cruddur.jar");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).endsWith("serve: the build did not make " + root.resolve("app/target/cruddur.jar") + "\n");
    }
}
