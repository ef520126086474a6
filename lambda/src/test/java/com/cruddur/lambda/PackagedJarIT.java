package com.cruddur.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The deployment jar works on its own: a fresh JVM with only that jar (plus the runtime's serializer and the
 * local launcher, as Lambda adds its runtime) records the reference sign-up. A class the shade plugin left out
 * would fail here, not in AWS.
 */
@ExtendWith(PostgresExtension.class)
class PackagedJarIT {

    @Test
    void theDeploymentJarHandlesTheReferenceEventInAFreshJvm(TestDatabase database) throws Exception {
        String classPath = String.join(File.pathSeparator,
                Path.of("target", "cruddur-sign-up-lambda.jar").toAbsolutePath().toString(),
                location(LambdaEventSerializers.class),
                location(LocalInvoke.class));
        ProcessBuilder invoke = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                LocalInvoke.class.getName(), Path.of("src", "test", "resources", "events", "post-confirmation-sign-up.json").toString())
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

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
