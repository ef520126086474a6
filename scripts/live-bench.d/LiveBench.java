import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The subscribers and the writer of scripts/live-bench (run as a single source file: java LiveBench.java ...).
 * It opens SOCKETS real WebSockets (the JDK's client) to the server, each subscribed to activityCreated with its
 * author, then creates cruds at RATE per second for SECONDS through HTTP and measures, for every crud and every
 * socket, the delay from the createActivity response to that socket's next message. It prints the figures and a
 * RESULT line; every crud must reach every socket exactly once.
 *
 *   java LiveBench.java <http url> <token> <sockets> <rate> <seconds> <server pid>
 */
public final class LiveBench {

    private static final String SUBSCRIBE = "{\"id\":\"feed\",\"type\":\"subscribe\",\"payload\":{\"query\":"
            + "\"subscription { activityCreated { uuid message createdAt author { handle displayName } } }\"}}";
    private static final String CREATE = "{\"query\":\"mutation ($m: String!) { createActivity(input: {message: $m, ttl: ONE_HOUR})"
            + " { activity { uuid } errors { code } } }\",\"variables\":{\"m\":\"%s\"}}";
    private static final int WARMUP_CRUDS = 40;

    /** What one socket received: uuids and arrival times, in order. */
    static final class Received {
        long[] most = new long[64];
        long[] least = new long[64];
        long[] at = new long[64];
        int count;
        int other;

        synchronized void add(UUID uuid, long nanos) {
            if (count == at.length) {
                most = Arrays.copyOf(most, count * 2);
                least = Arrays.copyOf(least, count * 2);
                at = Arrays.copyOf(at, count * 2);
            }
            most[count] = uuid.getMostSignificantBits();
            least[count] = uuid.getLeastSignificantBits();
            at[count] = nanos;
            count++;
        }
    }

    public static void main(String[] args) throws Exception {
        URI http = URI.create(args[0]);
        String token = args[1];
        int sockets = Integer.parseInt(args[2]);
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        String serverPid = args[5];
        URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));

        ExecutorService listeners = Executors.newFixedThreadPool(2, daemon("bench-ws"));
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < Math.max(1, sockets / 1000); i++) {
            clients.add(HttpClient.newBuilder().executor(listeners).build());
        }
        Received[] received = new Received[sockets];
        WebSocket[] open = new WebSocket[sockets];
        CountDownLatch acknowledged = new CountDownLatch(sockets);
        AtomicInteger closedEarly = new AtomicInteger();
        long connecting = System.nanoTime();
        for (int batch = 0; batch < sockets; batch += 200) {
            List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
            for (int i = batch; i < Math.min(sockets, batch + 200); i++) {
                Received mine = received[i] = new Received();
                opening.add(clients.get(i % clients.size()).newWebSocketBuilder().subprotocols("graphql-transport-ws")
                        .connectTimeout(Duration.ofSeconds(30))
                        .buildAsync(ws, listener(mine, acknowledged, closedEarly)));
            }
            for (int i = 0; i < opening.size(); i++) {
                WebSocket socket = opening.get(i).get(60, TimeUnit.SECONDS);
                open[batch + i] = socket;
                socket.sendText("{\"type\":\"connection_init\"}", true);
            }
        }
        if (!acknowledged.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException((sockets - acknowledged.getCount()) + " of " + sockets + " sockets were acknowledged");
        }
        for (WebSocket socket : open) {
            socket.sendText(SUBSCRIBE, true).get(30, TimeUnit.SECONDS);
        }
        Thread.sleep(2000);
        System.err.printf("== %d sockets open and subscribed in %.1f s%n", sockets, (System.nanoTime() - connecting) / 1e9);

        HttpClient writer = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2, daemon("bench-writer"))).build();
        Map<UUID, Long> respondedAt = new ConcurrentHashMap<>();
        Set<UUID> warmup = ConcurrentHashMap.newKeySet();
        AtomicInteger writeErrors = new AtomicInteger();
        // Warm-up: cruds whose deliveries are checked but not timed.
        write(writer, http, token, WARMUP_CRUDS, rate, "live-bench warm-up", warmup, respondedAt, writeErrors);
        Thread.sleep(2000);
        Set<UUID> measured = ConcurrentHashMap.newKeySet();
        write(writer, http, token, rate * seconds, rate, "live-bench", measured, respondedAt, writeErrors);
        Thread.sleep(5000);

        long[] rss = memory(serverPid);

        Set<UUID> written = new HashSet<>(measured);
        written.addAll(warmup);
        long lost = 0;
        long duplicated = 0;
        long unexpected = 0;
        long beforeResponse = 0;
        long[] delays = new long[measured.size() * sockets];
        int timed = 0;
        for (Received socket : received) {
            Set<UUID> seen = new HashSet<>();
            synchronized (socket) {
                for (int i = 0; i < socket.count; i++) {
                    UUID uuid = new UUID(socket.most[i], socket.least[i]);
                    if (!written.contains(uuid)) {
                        unexpected++;
                    } else if (!seen.add(uuid)) {
                        duplicated++;
                    } else if (measured.contains(uuid)) {
                        long delay = socket.at[i] - respondedAt.get(uuid);
                        if (delay < 0) {
                            beforeResponse++;
                            delay = 0;
                        }
                        delays[timed++] = delay;
                    }
                }
                unexpected += socket.other;
            }
            for (UUID uuid : written) {
                if (!seen.contains(uuid)) {
                    lost++;
                }
            }
        }
        long[] sorted = Arrays.copyOf(delays, timed);
        Arrays.sort(sorted);
        double p50 = percentile(sorted, 0.50);
        double p99 = percentile(sorted, 0.99);
        double max = sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6;
        System.out.printf("sockets %d: %d cruds at %d/s (+%d warm-up), %d deliveries timed; delay from the createActivity"
                        + " response to each next: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d arrived before the response: 0);"
                        + " lost %d, duplicated %d, unexpected %d, write errors %d, sockets closed early %d; server RSS %d MB (peak %d MB)%n",
                sockets, measured.size(), rate, warmup.size(), timed, p50, p99, max, beforeResponse, lost, duplicated,
                unexpected, writeErrors.get(), closedEarly.get(), rss[0], rss[1]);
        System.out.printf("RESULT sockets=%d p50=%.1f p99=%.1f max=%.1f lost=%d duplicated=%d unexpected=%d write_errors=%d"
                        + " closed_early=%d rss_mb=%d peak_rss_mb=%d%n", sockets, p50, p99, max, lost, duplicated, unexpected,
                writeErrors.get(), closedEarly.get(), rss[0], rss[1]);
        for (WebSocket socket : open) {
            socket.abort();
        }
        System.exit(0);
    }

    private static WebSocket.Listener listener(Received mine, CountDownLatch acknowledged, AtomicInteger closedEarly) {
        return new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                long now = System.nanoTime();
                text.append(data);
                if (last) {
                    String message = text.toString();
                    text.setLength(0);
                    int at = message.indexOf("\"uuid\":\"");
                    if (message.startsWith("{\"id\":\"feed\",\"type\":\"next\"") && at > 0) {
                        mine.add(UUID.fromString(message.substring(at + 8, at + 44)), now);
                    } else if (message.contains("connection_ack")) {
                        acknowledged.countDown();
                    } else if (message.contains("\"type\":\"ping\"")) {
                        socket.sendText("{\"type\":\"pong\"}", true);
                    } else {
                        synchronized (mine) {
                            mine.other++;
                        }
                        System.err.println("unexpected message: " + message);
                    }
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                closedEarly.incrementAndGet();
                System.err.println("a socket was closed: " + code + " " + reason);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                closedEarly.incrementAndGet();
                System.err.println("a socket failed: " + error);
            }
        };
    }

    /** COUNT createActivity requests at RATE per second; each response's uuid and time are recorded. */
    private static void write(HttpClient writer, URI http, String token, int count, int rate, String label, Set<UUID> created,
                              Map<UUID, Long> respondedAt, AtomicInteger errors) throws InterruptedException {
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(daemon("bench-tick"));
        CountDownLatch done = new CountDownLatch(count);
        AtomicInteger sent = new AtomicInteger();
        ticks.scheduleAtFixedRate(() -> {
            int n = sent.incrementAndGet();
            if (n > count) {
                return;
            }
            HttpRequest request = HttpRequest.newBuilder(http)
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(String.format(CREATE, label + " " + n))).build();
            writer.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                long now = System.nanoTime();
                try {
                    String body = response == null ? "" : response.body();
                    int at = body.indexOf("\"uuid\":\"");
                    if (failure != null || response.statusCode() != 200 || at < 0 || body.contains("\"errors\":[{")) {
                        errors.incrementAndGet();
                        System.err.println("createActivity failed: " + (failure != null ? failure : body));
                        return;
                    }
                    UUID uuid = UUID.fromString(body.substring(at + 8, at + 44));
                    respondedAt.put(uuid, now);
                    created.add(uuid);
                } finally {
                    done.countDown();
                }
            });
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        done.await(count / rate + 60L, TimeUnit.SECONDS);
        ticks.shutdownNow();
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)] / 1e6;
    }

    /** The server's resident set now and at its peak, from /proc. */
    private static long[] memory(String pid) throws Exception {
        Map<String, String> status = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            String[] parts = line.split(":\\s+", 2);
            if (parts.length == 2) {
                status.put(parts[0], parts[1]);
            }
        }
        return new long[] {kb(status.get("VmRSS")) / 1024, kb(status.get("VmHWM")) / 1024};
    }

    private static long kb(String value) {
        return Long.parseLong(value.replace("kB", "").strip());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
