import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The subscribers and the writer of scripts/live-bench (run as a single source file: java LiveBench.java ...).
 * It opens SOCKETS WebSockets (Subscribers, below) to the server, each subscribed to activityCreated with its
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
    private static final int WARMUP_SECONDS = 10;

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

        Received[] received = new Received[sockets];
        for (int i = 0; i < sockets; i++) {
            received[i] = new Received();
        }
        CountDownLatch acknowledged = new CountDownLatch(sockets);
        AtomicInteger closedEarly = new AtomicInteger();
        Subscribers subscribers = new Subscribers(ws, "{\"type\":\"connection_init\"}", new Subscribers.Events() {
            @Override
            public void text(Subscribers from, int socket, String message, long nanos) {
                int at = message.indexOf("\"uuid\":\"");
                if (message.startsWith("{\"id\":\"feed\",\"type\":\"next\"") && at > 0) {
                    received[socket].add(UUID.fromString(message.substring(at + 8, at + 44)), nanos);
                } else if (message.contains("connection_ack")) {
                    acknowledged.countDown();
                } else if (message.contains("\"type\":\"ping\"")) {
                    from.send(socket, "{\"type\":\"pong\"}");
                } else {
                    synchronized (received[socket]) {
                        received[socket].other++;
                    }
                    System.err.println("unexpected message: " + message);
                }
            }

            @Override
            public void closed(int socket, String why) {
                closedEarly.incrementAndGet();
                System.err.println("a socket was closed: " + why);
            }
        });
        Thread selecting = new Thread(subscribers, "bench-subscribers");
        selecting.setDaemon(true);
        selecting.start();
        long connecting = System.nanoTime();
        for (int batch = 0; batch < sockets; batch += 200) {
            int upTo = Math.min(sockets, batch + 200);
            subscribers.open(upTo);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (subscribers.upgraded() < upTo) {
                if (System.nanoTime() > deadline || closedEarly.get() > 0) {
                    throw new IllegalStateException(subscribers.upgraded() + " of " + upTo + " sockets were upgraded");
                }
                Thread.sleep(5);
            }
        }
        if (!acknowledged.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException((sockets - acknowledged.getCount()) + " of " + sockets + " sockets were acknowledged");
        }
        for (int i = 0; i < sockets; i++) {
            subscribers.send(i, SUBSCRIBE);
        }
        Thread.sleep(2000);
        System.err.printf("== %d sockets open and subscribed in %.1f s%n", sockets, (System.nanoTime() - connecting) / 1e9);

        HttpClient writer = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2, daemon("bench-writer"))).build();
        Map<UUID, Long> respondedAt = new ConcurrentHashMap<>();
        Set<UUID> warmup = ConcurrentHashMap.newKeySet();
        AtomicInteger writeErrors = new AtomicInteger();
        // Warm-up: cruds whose deliveries are checked but not timed.
        write(writer, http, token, rate * WARMUP_SECONDS, rate, "live-bench warm-up", warmup, respondedAt, writeErrors);
        Thread.sleep(2000);
        Set<UUID> measured = ConcurrentHashMap.newKeySet();
        long serverCpuBefore = cpuNanos(serverPid);
        long clientCpuBefore = ownCpuNanos();
        write(writer, http, token, rate * seconds, rate, "live-bench", measured, respondedAt, writeErrors);
        Thread.sleep(5000);
        double serverCpuMs = (cpuNanos(serverPid) - serverCpuBefore) / 1e6;
        double clientCpuMs = (ownCpuNanos() - clientCpuBefore) / 1e6;

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
                        + " lost %d, duplicated %d, unexpected %d, write errors %d, sockets closed early %d; server RSS %d MB (peak %d MB);"
                        + " CPU per delivery (the writes and their deliveries, over the measured cruds): server %.1f us, client %.1f us%n",
                sockets, measured.size(), rate, warmup.size(), timed, p50, p99, max, beforeResponse, lost, duplicated,
                unexpected, writeErrors.get(), closedEarly.get(), rss[0], rss[1],
                serverCpuMs * 1000 / Math.max(1, timed), clientCpuMs * 1000 / Math.max(1, timed));
        System.out.printf("RESULT sockets=%d p50=%.1f p99=%.1f max=%.1f lost=%d duplicated=%d unexpected=%d write_errors=%d"
                        + " closed_early=%d rss_mb=%d peak_rss_mb=%d server_cpu_us=%.1f client_cpu_us=%.1f%n", sockets, p50, p99,
                max, lost, duplicated, unexpected, writeErrors.get(), closedEarly.get(), rss[0], rss[1],
                serverCpuMs * 1000 / Math.max(1, timed), clientCpuMs * 1000 / Math.max(1, timed));
        subscribers.stop();
        System.exit(0);
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

    /** CPU time (user and system) of a process, from /proc: clock ticks of 10 ms. */
    private static long cpuNanos(String pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
    }

    private static long ownCpuNanos() throws Exception {
        return cpuNanos(String.valueOf(ProcessHandle.current().pid()));
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

    /**
     * The subscribers' WebSockets (RFC 6455) on one NIO selector thread: the opening handshake with the
     * graphql-transport-ws subprotocol, masked text frames out, the server's frames in (text, ping, close). It does
     * only what the benchmark needs, at a cost per received message far below the JDK's WebSocket client's (which
     * took more CPU than the server on these shared cores), so that the figures measure the server.
     */
    static final class Subscribers implements Runnable {

        interface Events {
            /** A whole text message arrived on socket number {@code socket}, read at {@code nanos} (System.nanoTime). */
            void text(Subscribers from, int socket, String message, long nanos);

            void closed(int socket, String why);
        }

        private final URI uri;
        /** Sent on each socket as soon as it is upgraded (the server gives connection_init only so long). */
        private final String firstMessage;
        private final InetSocketAddress address;
        private final Events events;
        private final Selector selector;
        private final List<Connection> connections = new ArrayList<>();
        private final ConcurrentLinkedQueue<Integer> toOpen = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Connection> toFlush = new ConcurrentLinkedQueue<>();
        private final AtomicInteger upgraded = new AtomicInteger();
        private volatile Connection[] byIndex = new Connection[0];
        private volatile boolean running = true;

        Subscribers(URI uri, String firstMessage, Events events) throws IOException {
            this.uri = uri;
            this.firstMessage = firstMessage;
            this.address = new InetSocketAddress(uri.getHost(), uri.getPort());
            this.events = events;
            this.selector = Selector.open();
        }

        /** Opens sockets until there are {@code upTo} of them. */
        void open(int upTo) {
            toOpen.add(upTo);
            selector.wakeup();
        }

        int upgraded() {
            return upgraded.get();
        }

        /** Sends a text message on one open socket; from any thread. */
        void send(int socket, String text) {
            Connection connection = byIndex[socket];
            connection.outgoing.add(frame(0x1, text.getBytes(StandardCharsets.UTF_8)));
            toFlush.add(connection);
            selector.wakeup();
        }

        void stop() {
            running = false;
            selector.wakeup();
        }

        @Override
        public void run() {
            try {
                while (running) {
                    selector.select(100);
                    for (Integer upTo = toOpen.poll(); upTo != null; upTo = toOpen.poll()) {
                        while (connections.size() < upTo) {
                            SocketChannel channel = SocketChannel.open();
                            channel.configureBlocking(false);
                            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                            Connection connection = new Connection(connections.size(), channel);
                            connections.add(connection);
                            channel.connect(address);
                            channel.register(selector, SelectionKey.OP_CONNECT, connection);
                        }
                        byIndex = connections.toArray(new Connection[0]);
                    }
                    for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        Connection connection = (Connection) key.attachment();
                        try {
                            if (key.isConnectable() && connection.channel.finishConnect()) {
                                connection.outgoing.add(ByteBuffer.wrap(connection.handshake()));
                                toFlush.add(connection);
                                key.interestOps(SelectionKey.OP_READ);
                            } else if (key.isReadable()) {
                                connection.read();
                            }
                        } catch (IOException | RuntimeException e) {
                            key.cancel();
                            connection.channel.close();
                            events.closed(connection.index, e.toString());
                        }
                    }
                    for (Connection connection = toFlush.poll(); connection != null; connection = toFlush.poll()) {
                        connection.flush();
                    }
                }
                for (Connection connection : connections) {
                    connection.channel.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A client frame: final, masked (RFC 6455 5.3). */
        private static ByteBuffer frame(int opcode, byte[] payload) {
            int length = payload.length;
            ByteBuffer frame = ByteBuffer.allocate(14 + length);
            frame.put((byte) (0x80 | opcode));
            if (length < 126) {
                frame.put((byte) (0x80 | length));
            } else if (length < 65536) {
                frame.put((byte) (0x80 | 126)).putShort((short) length);
            } else {
                frame.put((byte) (0x80 | 127)).putLong(length);
            }
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            frame.put(mask);
            for (int i = 0; i < length; i++) {
                frame.put((byte) (payload[i] ^ mask[i & 3]));
            }
            return frame.flip();
        }

        private final class Connection {
            final int index;
            final SocketChannel channel;
            final String key;
            final ConcurrentLinkedQueue<ByteBuffer> outgoing = new ConcurrentLinkedQueue<>();
            ByteBuffer in = ByteBuffer.allocate(16 * 1024);
            boolean upgraded;
            ByteArrayOutputStream fragments;

            Connection(int index, SocketChannel channel) {
                this.index = index;
                this.channel = channel;
                byte[] nonce = new byte[16];
                ThreadLocalRandom.current().nextBytes(nonce);
                this.key = Base64.getEncoder().encodeToString(nonce);
            }

            byte[] handshake() {
                return ("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                        + "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
            }

            void flush() throws IOException {
                for (ByteBuffer next = outgoing.peek(); next != null; next = outgoing.peek()) {
                    channel.write(next);
                    if (next.hasRemaining()) {
                        toFlush.add(this);
                        return;
                    }
                    outgoing.poll();
                }
            }

            void read() throws IOException {
                if (channel.read(in) < 0) {
                    throw new IOException("the server closed the connection");
                }
                long now = System.nanoTime();
                in.flip();
                if (!upgraded && !handshakeIn()) {
                    in.compact();
                    return;
                }
                while (frameIn(now)) {
                    // every whole frame read so far
                }
                in.compact();
                if (!in.hasRemaining()) {
                    ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
                    in.flip();
                    in = bigger.put(in);
                }
            }

            /** The server's answer to the upgrade, when it is all there; it must accept our key and subprotocol. */
            private boolean handshakeIn() throws IOException {
                int end = -1;
                for (int i = in.position(); i + 3 < in.limit() && end < 0; i++) {
                    if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                        end = i + 4;
                    }
                }
                if (end < 0) {
                    return false;
                }
                String response = StandardCharsets.US_ASCII.decode(in.slice(in.position(), end - in.position())).toString();
                String lower = response.toLowerCase(Locale.ROOT);
                if (!response.startsWith("HTTP/1.1 101") || !response.contains(accept())
                        || !lower.contains("sec-websocket-protocol: graphql-transport-ws")) {
                    throw new IOException("the upgrade was refused: " + response.lines().findFirst().orElse(""));
                }
                in.position(end);
                upgraded = true;
                outgoing.add(frame(0x1, firstMessage.getBytes(StandardCharsets.UTF_8)));
                toFlush.add(this);
                Subscribers.this.upgraded.incrementAndGet();
                return true;
            }

            /** Takes one whole frame from the buffer; false when the buffer holds no whole frame. */
            private boolean frameIn(long now) throws IOException {
                int start = in.position();
                if (in.remaining() < 2) {
                    return false;
                }
                int first = in.get() & 0xff;
                int second = in.get() & 0xff;
                if ((second & 0x80) != 0) {
                    throw new IOException("the server masked a frame");
                }
                long length = second & 0x7f;
                if (length == 126 && in.remaining() >= 2) {
                    length = in.getShort() & 0xffff;
                } else if (length == 127 && in.remaining() >= 8) {
                    length = in.getLong();
                } else if (length >= 126) {
                    in.position(start);
                    return false;
                }
                if (in.remaining() < length) {
                    in.position(start);
                    return false;
                }
                byte[] payload = new byte[(int) length];
                in.get(payload);
                boolean last = (first & 0x80) != 0;
                int opcode = first & 0x0f;
                switch (opcode) {
                    case 0x0, 0x1 -> {
                        if (last && fragments == null) {
                            events.text(Subscribers.this, index, new String(payload, StandardCharsets.UTF_8), now);
                        } else {
                            if (fragments == null) {
                                fragments = new ByteArrayOutputStream();
                            }
                            fragments.write(payload);
                            if (last) {
                                events.text(Subscribers.this, index, fragments.toString(StandardCharsets.UTF_8), now);
                                fragments = null;
                            }
                        }
                    }
                    case 0x9 -> {
                        outgoing.add(frame(0xA, payload));
                        toFlush.add(this);
                    }
                    case 0xA -> { }
                    case 0x8 -> throw new IOException("closed by the server: " + (payload.length >= 2
                            ? ((payload[0] & 0xff) << 8 | (payload[1] & 0xff)) + " "
                            + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "no code"));
                    default -> throw new IOException("the server sent opcode " + opcode);
                }
                return true;
            }

            private String accept() {
                try {
                    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                            .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
