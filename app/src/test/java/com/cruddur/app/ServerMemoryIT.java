package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged server in a JVM of its own, with the JVM options {@code scripts/serve} gives it (a 256 MB heap),
 * takes 300 distinct documents of about 1 MB and 300 distinct variables of about 1 MB and keeps none of them:
 * it answers throughout, and its heap after a full collection ends near where it started.
 */
@ExtendWith(PostgresExtension.class)
class ServerMemoryIT {

    private static final int REQUESTS_OF_EACH_KIND = 300;
    private static final int PAYLOAD_CHARS = 1_000_000;
    /** How far the live heap may grow from the start: a few MB of bounded caches and JIT bookkeeping. */
    private static final long HEAP_GROWTH_ALLOWED_KB = 16 * 1024;
    private static final Pattern LISTENING = Pattern.compile("Cruddur is listening on http://[^:]+:(\\d+)/");
    private static final Pattern GENERATION_USED = Pattern.compile("(?:def new|tenured) generation\\s+total \\d+K, used (\\d+)K");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void distinctMegabyteDocumentsAndVariablesLeaveTheHeapWhereItWas(TestDatabase database) throws Exception {
        Path log = Files.createTempFile("cruddur-memory-it", ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(serverJvmOptions());
        command.addAll(List.of("-jar", System.getProperty("cruddur.jar")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(java.util.Map.of(
                "CONNECTION_URL", database.location().libpqUrl(), "PORT", "0", "CRUDDUR_ENV", "development"));
        Process server = builder.start();
        try {
            URI graphql = URI.create("http://127.0.0.1:" + awaitPort(server, log) + "/graphql");
            for (int i = 0; i < 20; i++) {
                assertThat(post(graphql, "{\"query\":\"{ homeFeed(first: " + (i + 1) + ") { nodes { message } } }\"}"))
                        .isEqualTo(200);
            }
            long before = liveHeapKb(server.pid());

            for (int i = 0; i < REQUESTS_OF_EACH_KIND; i++) {
                String document = "{\"query\":\"# " + i + " " + filler() + "\\n{ __typename }\"}";
                assertThat(post(graphql, document)).as("document %d", i).isEqualTo(200);
            }
            for (int i = 0; i < REQUESTS_OF_EACH_KIND; i++) {
                String variables = "{\"query\":\"query Handle($handle: String!) { user(handle: $handle) { handle } }\","
                        + "\"variables\":{\"handle\":\"" + i + filler() + "\"}}";
                assertThat(post(graphql, variables)).as("variables %d", i).isEqualTo(200);
            }
            long after = liveHeapKb(server.pid());

            System.out.printf("ServerMemoryIT: live heap after a full GC: %d KB before, %d KB after %d documents and %d"
                    + " variables of %d characters%n", before, after, REQUESTS_OF_EACH_KIND, REQUESTS_OF_EACH_KIND, PAYLOAD_CHARS);
            assertThat(server.isAlive()).as("the server is still running; its log: %s", log).isTrue();
            assertThat(post(graphql, "{\"query\":\"{ __typename }\"}")).isEqualTo(200);
            assertThat(after - before).as("live heap growth in KB (%d KB before, %d KB after)", before, after)
                    .isLessThan(HEAP_GROWTH_ALLOWED_KB);
        } finally {
            server.destroy();
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** The options scripts/serve starts the server with. */
    private static List<String> serverJvmOptions() throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("scripts/lib/server-jvm.sh"))) {
            root = root.getParent();
        }
        Process shell = new ProcessBuilder("bash", "-c", ". scripts/lib/server-jvm.sh && printf %s \"$CRUDDUR_SERVER_JAVA_OPTS\"")
                .directory(root.toFile()).redirectErrorStream(true).start();
        String options = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(shell.waitFor()).as(options).isZero();
        assertThat(options).contains("-Xmx256m");
        return List.of(options.split("\\s+"));
    }

    /** The port from the server's start-up line; the rest of its output goes to {@code log}. */
    private static int awaitPort(Process server, Path log) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Files.writeString(log, line + "\n", java.nio.file.StandardOpenOption.APPEND);
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        port.complete(Integer.parseInt(listening.group(1)));
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("the server stopped before listening; its log: " + log));
        }, "server-output");
        drain.setDaemon(true);
        drain.start();
        return port.get(60, TimeUnit.SECONDS);
    }

    /** The young and old generations' use right after a full collection, in KB (jcmd on the server's JVM). */
    private static long liveHeapKb(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String heap = jcmd(pid, "GC.heap_info");
        Matcher used = GENERATION_USED.matcher(heap);
        long kb = 0;
        int generations = 0;
        while (used.find()) {
            kb += Long.parseLong(used.group(1));
            generations++;
        }
        assertThat(generations).as("the serial collector's two generations in:%n%s", heap).isEqualTo(2);
        return kb;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jcmd.waitFor()).as(output).isZero();
        return output;
    }

    private int post(URI graphql, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(graphql)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** About a megabyte of letters; what precedes it makes each payload distinct. */
    private static String filler() {
        return "x".repeat(PAYLOAD_CHARS);
    }
}
