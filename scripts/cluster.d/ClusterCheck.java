import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What scripts/cluster check shows, with the JDK's HTTP and WebSocket clients (run as a single source file):
 * 1. a subscriber on instance A receives a crud created through instance B;
 * 2. subscribers and writers go through the balancer; instance B is stopped (SIGTERM) under the write load; its
 *    subscribers are closed with 1001, reconnect through the balancer (to A) and receive the cruds created after.
 * It writes every write's outcome to OUT (acknowledged: uuid and message; failed: message) for the SQL checks that
 * follow in scripts/cluster, and exits non-zero when a step fails.
 *
 *   java ClusterCheck.java <instance A port> <instance B port> <balancer port> <token> <pid of B> <out dir>
 */
public final class ClusterCheck {

    private static final String SUBSCRIBE = "{\"id\":\"feed\",\"type\":\"subscribe\",\"payload\":{\"query\":"
            + "\"subscription { activityCreated { uuid message author { handle } } }\"}}";
    private static final String CREATE = "{\"query\":\"mutation ($m: String!) { createActivity(input: {message: $m, ttl: ONE_HOUR})"
            + " { activity { uuid } errors { code } } }\",\"variables\":{\"m\":\"%s\"}}";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int SUBSCRIBERS = 12;
    private static final int WRITERS = 4;
    private static final Duration LOAD = Duration.ofSeconds(12);

    /** A subscriber that reconnects (through the same address) whenever its socket is closed. */
    static final class Subscriber {
        final URI address;
        final Set<String> received = ConcurrentHashMap.newKeySet();
        final AtomicInteger goingAway = new AtomicInteger();
        final AtomicInteger connections = new AtomicInteger();
        volatile CountDownLatch subscribed = new CountDownLatch(1);
        volatile boolean stopping;

        Subscriber(URI address) {
            this.address = address;
        }

        void connect() {
            connections.incrementAndGet();
            HTTP.newWebSocketBuilder().subprotocols("graphql-transport-ws").buildAsync(address, new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public void onOpen(WebSocket socket) {
                    socket.sendText("{\"type\":\"connection_init\"}", true);
                    socket.request(1);
                }

                @Override
                public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        String message = text.toString();
                        text.setLength(0);
                        if (message.contains("connection_ack")) {
                            socket.sendText(SUBSCRIBE, true).thenRun(() -> subscribed.countDown());
                        } else if (message.contains("\"type\":\"next\"")) {
                            int at = message.indexOf("\"uuid\":\"");
                            received.add(message.substring(at + 8, at + 44));
                        } else if (message.contains("\"type\":\"ping\"")) {
                            socket.sendText("{\"type\":\"pong\"}", true);
                        }
                    }
                    socket.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                    if (code == 1001) {
                        goingAway.incrementAndGet();
                    }
                    reconnect();
                    return null;
                }

                @Override
                public void onError(WebSocket socket, Throwable error) {
                    reconnect();
                }
            }).exceptionally(failure -> {
                reconnect();
                return null;
            });
        }

        private void reconnect() {
            if (!stopping) {
                subscribed = new CountDownLatch(1);
                sleep(200);
                connect();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int portA = Integer.parseInt(args[0]);
        int portB = Integer.parseInt(args[1]);
        int front = Integer.parseInt(args[2]);
        String token = args[3];
        long pidB = Long.parseLong(args[4]);
        Path out = Path.of(args[5]);
        boolean ok = true;

        // 1. A subscriber on A hears a crud written through B.
        Subscriber onA = new Subscriber(URI.create("ws://127.0.0.1:" + portA + "/graphql"));
        onA.connect();
        require(onA.subscribed.await(10, TimeUnit.SECONDS), "the subscriber on A subscribed");
        sleep(300);
        String throughB = create(portB, token, "written through instance B");
        require(throughB != null, "createActivity through B");
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!onA.received.contains(throughB) && System.nanoTime() < until) {
            sleep(20);
        }
        ok &= report(onA.received.contains(throughB), "a subscriber on instance A received the crud created through instance B");
        onA.stopping = true;

        // 2. Through the balancer: subscribers, writers, and instance B stopped in the middle.
        List<Subscriber> subscribers = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            Subscriber subscriber = new Subscriber(URI.create("ws://127.0.0.1:" + front + "/graphql"));
            subscriber.connect();
            subscribers.add(subscriber);
        }
        for (Subscriber subscriber : subscribers) {
            require(subscriber.subscribed.await(10, TimeUnit.SECONDS), "a subscriber through the balancer subscribed");
        }
        sleep(300);
        List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> failed = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sequence = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Thread writer = new Thread(() -> {
                while (writing.get()) {
                    String message = "cluster write " + sequence.incrementAndGet();
                    String uuid = create(front, token, message);
                    if (uuid != null) {
                        acknowledged.add(uuid + "\t" + message);
                    } else {
                        failed.add(message);
                    }
                    sleep(20);
                }
            });
            writer.start();
            writers.add(writer);
        }
        sleep(LOAD.toMillis() / 3);
        System.err.println("== stopping instance B (pid " + pidB + ") under the write load");
        ProcessHandle b = ProcessHandle.of(pidB).orElseThrow();
        b.destroy();
        b.onExit().get(30, TimeUnit.SECONDS);
        System.err.println("== instance B stopped");
        sleep(LOAD.toMillis() * 2 / 3);
        writing.set(false);
        for (Thread writer : writers) {
            writer.join();
        }
        int movedAway = 0;
        for (Subscriber subscriber : subscribers) {
            movedAway += subscriber.goingAway.get() > 0 ? 1 : 0;
            require(subscriber.subscribed.await(15, TimeUnit.SECONDS), "a subscriber is subscribed again");
        }
        sleep(500);
        String last = create(front, token, "after instance B stopped");
        require(last != null, "createActivity through the balancer after the stop");
        until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int heard = 0;
        while (System.nanoTime() < until) {
            heard = (int) subscribers.stream().filter(s -> s.received.contains(last)).count();
            if (heard == SUBSCRIBERS) {
                break;
            }
            sleep(20);
        }
        subscribers.forEach(s -> s.stopping = true);
        Files.write(out.resolve("acknowledged.tsv"), acknowledged);
        Files.write(out.resolve("failed.txt"), failed);
        System.err.printf("== writes through the balancer: %d acknowledged, %d failed%n", acknowledged.size(), failed.size());
        ok &= report(movedAway > 0, movedAway + " of " + SUBSCRIBERS + " subscribers were on instance B and were closed with 1001 (going away)");
        ok &= report(heard == SUBSCRIBERS, heard + " of " + SUBSCRIBERS
                + " subscribers (reconnected through the balancer where needed) received the crud created after the stop");
        System.exit(ok ? 0 : 1);
    }

    /** The new crud's uuid, or null when the write was not acknowledged. */
    private static String create(int port, String token, String message) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(String.format(CREATE, message))).build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            int at = body.indexOf("\"uuid\":\"");
            return response.statusCode() == 200 && at > 0 && !body.contains("\"errors\":[{") ? body.substring(at + 8, at + 44) : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean report(boolean passed, String what) {
        System.out.println((passed ? "PASS " : "FAIL ") + what);
        return passed;
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            System.out.println("FAIL " + what);
            System.exit(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
