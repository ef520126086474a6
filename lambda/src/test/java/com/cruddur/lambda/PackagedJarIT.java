package com.cruddur.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The deployment jar works on its own: a fresh JVM with only that jar and {@code target/local-runtime/} (the
 * runtime's serializer and the local runner, as Lambda adds its runtime; the classpath scripts/lambda-invoke uses)
 * records the reference sign-up. A class the shade plugin left out would fail here, not in AWS.
 */
@ExtendWith(PostgresExtension.class)
class PackagedJarIT {

    private static final Path DEPLOYMENT_JAR = Path.of("target", "cruddur-sign-up-lambda.jar");

    @Test
    void theDeploymentJarHandlesTheReferenceEventInAFreshJvm(TestDatabase database) throws Exception {
        String classPath = String.join(File.pathSeparator,
                DEPLOYMENT_JAR.toAbsolutePath().toString(), Path.of("target", "local-runtime", "*").toAbsolutePath().toString());
        ProcessBuilder invoke = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                "com.cruddur.lambda.local.LocalInvoke", Path.of("src", "test", "resources", "events", "post-confirmation-sign-up.json").toString())
                .redirectErrorStream(true);
        invoke.environment().put("CONNECTION_URL", database.location().libpqUrl());

        Process process = invoke.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("\"outcome\":\"CREATED\"", "\"triggerSource\":\"PostConfirmation_ConfirmSignUp\"")
                .doesNotContain("SLF4J");
        assertThat(database.queryValue("SELECT handle FROM users", String.class)).isEqualTo("andrewbrown");
    }

    @Test
    void theDeploymentJarHoldsNeitherTheLocalRunnerNorTheRuntimesSerializer() throws IOException {
        try (JarFile jar = new JarFile(DEPLOYMENT_JAR.toFile())) {
            assertThat(jar.stream().map(JarEntry::getName))
                    .contains("com/cruddur/lambda/PostConfirmationHandler.class")
                    .noneMatch(name -> name.startsWith("com/cruddur/lambda/local/"))
                    .noneMatch(name -> name.startsWith("com/amazonaws/services/lambda/runtime/serialization/"));
        }
    }
}
