package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar cruddur.jar serve} fails closed: outside the embedded development default it must be told its
 * environment, in production it needs Cognito unless told to serve anonymously, and in development it listens on
 * the loopback address only.
 */
@ExtendWith(PostgresExtension.class)
class ServeFailsClosedIT {

    private static final Path JAR = Path.of(System.getProperty("cruddur.jar", "target/cruddur.jar"));

    @TempDir
    Path workspace;

    @Test
    void aDatabaseWithoutCruddurEnvIsAStartupError(TestDatabase database) throws Exception {
        Started serve = serve(Map.of("CONNECTION_URL", database.location().libpqUrl()));

        assertThat(serve.exitCode()).isEqualTo(2);
        assertThat(serve.stderr()).singleElement().asString().startsWith("cruddur: CRUDDUR_ENV must be set");
    }

    @Test
    void productionWithoutCognitoIsAStartupErrorNamingTheVariables(TestDatabase database) throws Exception {
        Started serve = serve(Map.of("CONNECTION_URL", database.location().libpqUrl(), "CRUDDUR_ENV", "production"));

        assertThat(serve.exitCode()).isEqualTo(2);
        assertThat(serve.stderr()).singleElement().asString()
                .contains("AWS_COGNITO_USER_POOL_ID", "AWS_COGNITO_USER_POOL_CLIENT_ID", "AWS_DEFAULT_REGION", "ALLOW_ANONYMOUS_ONLY=true");
    }

    @Test
    void productionServesAnonymouslyOnlyWhenAskedTo(TestDatabase database) throws Exception {
        int port = freePort();
        Process server = start(Map.of("CONNECTION_URL", database.location().libpqUrl(), "CRUDDUR_ENV", "production",
                "ALLOW_ANONYMOUS_ONLY", "true", "PORT", Integer.toString(port)));
        try {
            assertThat(awaitTypename(port, server)).isEqualTo(200);
            assertThat(listeningAddress(port)).as("production listens on every address").isEqualTo("0.0.0.0");
        } finally {
            stop(server);
        }
    }

    @Test
    void developmentListensOnTheLoopbackAddressUnlessHostSaysOtherwise(TestDatabase database) throws Exception {
        for (Map.Entry<String, String> hostAndAddress : List.of(Map.entry("", "127.0.0.1"), Map.entry("0.0.0.0", "0.0.0.0"))) {
            int port = freePort();
            Map<String, String> env = new HashMap<>(Map.of("CONNECTION_URL", database.location().libpqUrl(),
                    "CRUDDUR_ENV", "development", "PORT", Integer.toString(port)));
            if (!hostAndAddress.getKey().isEmpty()) {
                env.put("HOST", hostAndAddress.getKey());
            }
            Process server = start(env);
            try {
                assertThat(awaitTypename(port, server)).isEqualTo(200);
                assertThat(listeningAddress(port)).as("HOST=" + hostAndAddress.getKey()).isEqualTo(hostAndAddress.getValue());
            } finally {
                stop(server);
            }
        }
    }

    private record Started(int exitCode, List<String> stderr) {
    }

    /** Runs the server expecting it to exit at once. */
    private Started serve(Map<String, String> env) throws Exception {
        Process process = start(env);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        return new Started(process.exitValue(), Files.readAllLines(workspace.resolve("stderr")).stream()
                .filter(line -> !line.isBlank()).toList());
    }

    private Process start(Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toAbsolutePath().toString(), "serve")
                .directory(workspace.toFile())
                .redirectOutput(workspace.resolve("stdout").toFile())
                .redirectError(workspace.resolve("stderr").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().put("HOME", workspace.toString());
        builder.environment().put("EMBEDDED_DB_DIR", workspace.resolve("data" + File.separator + "postgres").toString());
        builder.environment().put("MANAGEMENT_PORT", "0");
        builder.environment().putAll(env);
        return builder.start();
    }

    private static int awaitTypename(int port, Process server) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && server.isAlive()) {
            try {
                return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the server did not answer (alive: " + server.isAlive() + ")");
    }

    /** The local address the server's listening socket is bound to, read from the kernel's socket table. */
    private static String listeningAddress(int port) throws IOException {
        Path table = Path.of("/proc/net/tcp");
        assumeTrue(Files.isReadable(table), "needs Linux's /proc/net/tcp");
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String line : Files.readAllLines(table)) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length > 3 && fields[1].endsWith(":" + hexPort) && fields[3].equals("0A")) { // 0A: LISTEN
                return ipv4(fields[1].substring(0, 8));
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/net/tcp6"))) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length > 3 && fields[1].endsWith(":" + hexPort) && fields[3].equals("0A")) {
                String address = fields[1].substring(0, 32);
                if (address.equals("0".repeat(32))) {
                    return "0.0.0.0"; // every address, IPv4 included
                }
                // An IPv4 address mapped into IPv6 (::ffff:a.b.c.d)
                return address.startsWith("0000000000000000FFFF0000") ? ipv4(address.substring(24)) : "ipv6 " + address;
            }
        }
        return "not listening";
    }

    /** An IPv4 address as the kernel's table writes it: 8 hex digits, least significant byte first. */
    private static String ipv4(String hex) {
        return Integer.parseInt(hex.substring(6, 8), 16) + "." + Integer.parseInt(hex.substring(4, 6), 16) + "."
                + Integer.parseInt(hex.substring(2, 4), 16) + "." + Integer.parseInt(hex.substring(0, 2), 16);
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
