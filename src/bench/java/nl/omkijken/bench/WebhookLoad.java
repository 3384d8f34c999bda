package nl.omkijken.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-loop load on the durable webhook path: correctly signed Twilio SMS webhooks at a fixed rate,
 * each from a new conversation, against the packaged service with a real redis-server on loopback,
 * and latency from each webhook's intended send time to the first reply's arrival at a
 * Twilio-shaped receiver (so a stalled service cannot hide its queueing: no coordinated omission).
 * Also counts Redis commands per message and runs redis-benchmark in the same run.
 *
 * <pre>mvn -B -q -Pbench -DskipTests package exec:exec -Dexec.mainClass=... (see docs/BENCHMARKS.md)</pre>
 */
public final class WebhookLoad {
    static final String SID = "AC" + "0123456789abcdef".repeat(2);
    private static final String TOKEN = "bench-auth-token-0123456789";
    private static final String OUR_NUMBER = "+3197010200300";
    /** A first message to the Luisterlijn always gets exactly two replies: the welcome and the menu. */
    private static final int REPLIES_PER_MESSAGE = 2;

    /** Per reply of the current run: intended send time and latency (nanos), for the per-second view. */
    private static final List<long[]> SAMPLES = java.util.Collections.synchronizedList(new ArrayList<>());

    /** Arrival time (nanoTime) of the latest first reply, for the achieved rate. */
    private static final AtomicLong LAST_FIRST_REPLY = new AtomicLong();

    private record Run(int rate, int seconds, long sent, long accepted, long refused, long[] latenciesNanos,
                       long lost, long duplicated, double commandsPerMessage, double achievedPerSecond, String stages,
                       CpuUse.PerMessage cpu, long aofRewrites, double aofBytesPerMessage) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        Path jar = Path.of(opt.getOrDefault("jar", "target/omkijken.jar"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "20"));
        // Unrecorded warm-up at the first rate: the JIT compiles the hot paths on the same two cores, and
        // until it is done the tail is the compiler's, not the service's.
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "60"));
        List<Integer> rates = Arrays.stream(opt.getOrDefault("rates", "1000,2000,3000").split(",")).map(Integer::parseInt).toList();
        Path work = Files.createTempDirectory("omk-bench");

        int redisPort = freePort();
        Process redis = new ProcessBuilder("redis-server", "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
                "--dir", work.toString(), "--appendonly", "yes", "--appendfsync", opt.getOrDefault("appendfsync", "everysec"), "--save", "",
                "--maxmemory-policy", "noeviction",
                // --aof-rewrite off: no automatic compaction of the AOF during the run (every write is still appended and
                // fsynced as configured); shows the releases' own work apart from the fork and copy of a rewrite.
                "--auto-aof-rewrite-percentage", "off".equals(opt.get("aof-rewrite")) ? "0" : "100",
                // For --prefill (DEBUG POPULATE), from this machine only.
                "--enable-debug-command", "local").redirectErrorStream(true).redirectOutput(work.resolve("redis.log").toFile()).start();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        Process service = null;
        try {
            awaitRedis(redisPort);
            // --prefill N: N keys in Redis before the service starts, as a Redis that already holds a population would.
            // Redis doubles its main hash table as the number of keys passes a power of two and then moves every key over,
            // a step with every command: for some seconds each command costs several times as much. Every message of this
            // benchmark comes from a new person, so its keys only grow, and a release that keeps more keys per person
            // meets that moment earlier; prefilled past 2^22 keys, neither run meets the next one (2^23).
            long prefill = Long.parseLong(opt.getOrDefault("prefill", "0"));
            if (prefill > 0) {
                String done = redisCall(redisPort, "DEBUG", "POPULATE", Long.toString(prefill), "omk-bench-fill", "8");
                if (!"OK".equals(done)) throw new IllegalStateException("prefill refused: " + done);
            }
            ConcurrentHashMap<String, Long> pending = new ConcurrentHashMap<>();
            List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
            ReplyReceiver receiver = new ReplyReceiver(vertx, (to, at) -> {
                Long sentAt = pending.remove(to);
                if (sentAt != null) {
                    latencies.add(at - sentAt);
                    SAMPLES.add(new long[] {sentAt, at - sentAt});
                    LAST_FIRST_REPLY.accumulateAndGet(at, Math::max);
                }
            });
            int receiverPort = receiver.start().toCompletionStage().toCompletableFuture().get();
            int port = freePort();
            String base = "http://127.0.0.1:" + port;
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            // --dialogs DIR: the dialogs the release under test reads (an older release's own: it refuses keys it never knew).
            // Extra JVM options for the service, comma-separated, e.g. --jvm -Xlog:gc:file=/tmp/gc.log,-XX:+UseZGC; a comma not
            // followed by '-' stays inside its option (-XX:StartFlightRecording=filename=f.jfr,settings=profile).
            String jvm = opt.getOrDefault("jvm", "").trim();
            if (!jvm.isEmpty()) command.addAll(Arrays.asList(jvm.split(",(?=-)")));
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(Map.of("PORT", String.valueOf(port), "REDIS_URL", "redis://127.0.0.1:" + redisPort,
                    "DATA_DIR", work.resolve("data").toString(), "DIALOGS_DIR", Path.of(opt.getOrDefault("dialogs", "dialogs")).toAbsolutePath().toString(),
                    "PUBLIC_BASE_URL", base, "TWILIO_ACCOUNT_SID", SID, "TWILIO_AUTH_TOKEN", TOKEN,
                    "TWILIO_API_BASE_URL", "http://127.0.0.1:" + receiverPort, "TWILIO_NUMBERS_LUISTERLIJN", OUR_NUMBER,
                    "LOG_LEVEL", opt.getOrDefault("log-level", "WARN")));
            pb.redirectErrorStream(true).redirectOutput(work.resolve("service.log").toFile());
            service = pb.start();
            awaitHealthy(base, service);

            // Pooled connections are let go after 10 s idle, before the service's HTTP_IDLE_TIMEOUT (20 s)
            // closes them: otherwise a request can race the server's close (as with any keep-alive client).
            HttpClient http = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setKeepAlive(true)
                            .setKeepAliveTimeout(10),
                    new PoolOptions().setHttp1MaxSize(256));
            String url = base + "/webhooks/twilio/messaging";
            AtomicLong conversation = new AtomicLong();
            // Warm-up: JIT and connection pools, at the first measured rate, not reported.
            run(vertx, http, base, url, rates.get(0), warmup, conversation, pending, latencies, receiver, redisPort, service.pid(), false);
            List<Run> runs = new ArrayList<>();
            for (int rate : rates) {
                runs.add(run(vertx, http, base, url, rate, seconds, conversation, pending, latencies, receiver, redisPort, service.pid(), true));
            }
            String burst = OneConversationBurst.run(vertx, url, receiver, redisPort, OUR_NUMBER);
            String perCommand = commandBreakdown(redisPort, conversation.get());
            String setRate = redisBenchmark(redisPort);
            System.out.println(report(runs, setRate, seconds, rates));
            System.out.println(perCommand);
            System.out.println();
            System.out.println(burst);
        } finally {
            if (service != null) {
                service.destroy();
                service.waitFor(30, TimeUnit.SECONDS);
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Run run(Vertx vertx, HttpClient http, String base, String url, int rate, int seconds, AtomicLong conversation,
                           ConcurrentHashMap<String, Long> pending, List<Long> latencies, ReplyReceiver receiver,
                           int redisPort, long servicePid, boolean measured) throws Exception {
        latencies.clear();
        CpuUse.Snapshot cpuBefore = CpuUse.read(redisPort, servicePid);
        SAMPLES.clear();
        StageBreakdown.Snapshot stagesBefore = StageBreakdown.read(base);
        long commandsBefore = redisCommands(redisPort);
        long[] aofBefore = aof(redisPort);
        long receivedBefore = receiver.received.get();
        long total = (long) rate * seconds;
        AtomicLong sent = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<String> numbers = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch answered = new CountDownLatch((int) total);
        long start = System.nanoTime() + 50_000_000L;
        double intervalNanos = 1e9 / rate;
        URI uri = URI.create(url);
        long timer = vertx.setPeriodic(1, id -> {
            long now = System.nanoTime();
            while (sent.get() < total) {
                long i = sent.get();
                long intended = start + (long) (i * intervalNanos);
                if (intended > now) break;
                sent.incrementAndGet();
                String from = "+3161" + String.format("%07d", conversation.incrementAndGet());
                numbers.add(from);
                pending.put(from, intended);
                Map<String, String> form = new TreeMap<>(Map.of("MessageSid", "SM" + java.util.UUID.randomUUID().toString().replace("-", ""),
                        "AccountSid", SID, "From", from, "To", OUR_NUMBER, "Body", "hoi", "NumMedia", "0"));
                String body = encode(form);
                RequestOptions ro = new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost()).setPort(uri.getPort())
                        .setURI(uri.getPath()).putHeader("Content-Type", "application/x-www-form-urlencoded")
                        .putHeader("X-Twilio-Signature", sign(url, form));
                http.request(ro).compose(req -> req.send(Buffer.buffer(body))).compose(HttpClientResponse::body)
                        .onComplete(ar -> {
                            if (ar.succeeded()) accepted.incrementAndGet();
                            else refused.incrementAndGet();
                            answered.countDown();
                        });
            }
        });
        answered.await(seconds + 60L, TimeUnit.SECONDS);
        vertx.cancelTimer(timer);
        // Wait until every reply of this run arrived (bounded), so no backlog spills into the next run.
        long expected = receivedBefore + total * REPLIES_PER_MESSAGE;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (receiver.received.get() < expected && System.nanoTime() < deadline) Thread.sleep(50);
        Thread.sleep(1000);
        pending.clear();
        long elapsedNanos = LAST_FIRST_REPLY.get() - start;
        long lost = 0;
        long duplicated = 0;
        for (String n : numbers) {
            AtomicLong got = receiver.perRecipient.get(n);
            long c = got == null ? 0 : got.get();
            if (c < REPLIES_PER_MESSAGE) lost++;
            if (c > REPLIES_PER_MESSAGE) duplicated++;
        }
        long commands = redisCommands(redisPort) - commandsBefore;
        long[] aofAfter = aof(redisPort);
        CpuUse.PerMessage cpu = CpuUse.between(cpuBefore, CpuUse.read(redisPort, servicePid), total);
        String stages = StageBreakdown.between(stagesBefore, StageBreakdown.read(base));
        long[] lat = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double achieved = lat.length / (Math.max(elapsedNanos, 1) / 1e9);
        if (measured) {
            System.err.println(perSecond(start, seconds));
            System.err.printf("rate %d/s: sent %d, webhooks ok %d, refused %d, replied %d, lost %d, duplicated %d%n",
                    rate, total, accepted.get(), refused.get(), lat.length, lost, duplicated);
        }
        return new Run(rate, seconds, total, accepted.get(), refused.get(), lat, lost, duplicated,
                (double) commands / total, achieved, stages, cpu, aofAfter[0] - aofBefore[0], (double) (aofAfter[1] - aofBefore[1]) / total);
    }

    /** p99 and max latency of the messages sent in each second of the run: shows whether the tail is spread or in bursts. */
    private static String perSecond(long start, int seconds) {
        List<List<Long>> buckets = new ArrayList<>();
        for (int i = 0; i < seconds; i++) buckets.add(new ArrayList<>());
        synchronized (SAMPLES) {
            for (long[] s : SAMPLES) {
                int second = (int) ((s[0] - start) / 1_000_000_000L);
                if (second >= 0 && second < seconds) buckets.get(second).add(s[1]);
            }
        }
        long startedAgoNanos = System.nanoTime() - start;
        StringBuilder sb = new StringBuilder("per second from " + java.time.LocalTime.now().minusNanos(startedAgoNanos)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ", p99 / max ms:");
        for (List<Long> b : buckets) {
            long[] sorted = b.stream().mapToLong(Long::longValue).sorted().toArray();
            sb.append(' ').append(sorted.length == 0 ? "-" : ms(sorted, 0.99).replace(" ms", "") + "/" + ms(sorted, 1.0).replace(" ms", ""));
        }
        return sb.toString();
    }

    private static String report(List<Run> runs, String setRate, int seconds, List<Integer> rates) {
        StringBuilder sb = new StringBuilder();
        sb.append("| offered rate (msg/s) | messages | webhooks refused | replied | lost | duplicated | p50 | p99 | p99.9 | max | Redis commands / message | bytes to Redis / message | AOF rewrites in the window |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        double setPerSecond = Double.parseDouble(setRate);
        for (Run r : runs) {
            sb.append(String.format("| %d | %d | %d | %d | %d | %d | %s | %s | %s | %s | %.1f | %.0f | %d |%n", r.rate(), r.sent(),
                    r.refused(), r.latenciesNanos().length, r.lost(), r.duplicated(), ms(r.latenciesNanos(), 0.50),
                    ms(r.latenciesNanos(), 0.99), ms(r.latenciesNanos(), 0.999), ms(r.latenciesNanos(), 1.0),
                    r.commandsPerMessage(), r.aofBytesPerMessage(), r.aofRewrites()));
        }
        sb.append("\nCPU time per message (the whole run, replies included; two cores are 2,000 ms a second):\n\n")
                .append("| offered rate (msg/s) | redis-server | service | load generator and receiver |\n|---|---|---|---|\n");
        for (Run r : runs) {
            sb.append(String.format("| %d | %.0f µs | %.0f µs | %.0f µs |%n", r.rate(), r.cpu().redisMicros(),
                    r.cpu().serviceMicros(), r.cpu().generatorMicros()));
        }
        for (Run r : runs) {
            sb.append(String.format("%nWhere the time goes at %d msg/s (the service's stage timers; a reply's path is the four stages in turn):%n%n%s",
                    r.rate(), r.stages()));
        }
        sb.append(String.format("%nredis-benchmark SET (50 clients, no pipelining): %.0f requests/s%n", setPerSecond));
        for (Run r : runs) {
            double ratio = r.achievedPerSecond() / (setPerSecond / r.commandsPerMessage());
            sb.append(String.format("at %d msg/s offered: achieved %.0f msg/s with a reply; ratio msgs/s / (SET rate / commands per message) = %.2f%n",
                    r.rate(), r.achievedPerSecond(), ratio));
        }
        return sb.toString();
    }

    /** Which Redis commands a message costs, over the whole run (warm-up included). */
    private static String commandBreakdown(int port, long messages) throws IOException {
        StringBuilder sb = new StringBuilder("Redis commands per message over the whole run (script-internal included), "
                + "with Redis's own time per message (a script's time includes its commands'): ");
        Map<String, Long> micros = commandMicros(port);
        commandCounts(port).entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sb.append(String.format("%s %.2f (%.1f µs), ", e.getKey(), (double) e.getValue() / messages,
                        (double) micros.getOrDefault(e.getKey(), 0L) / messages)));
        return sb.substring(0, sb.length() - 2);
    }

    private static String ms(long[] sorted, double q) {
        if (sorted.length == 0) return "-";
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return String.format("%.1f ms", sorted[Math.max(0, i)] / 1e6);
    }

    /** X-Twilio-Signature: HMAC-SHA1 over the URL and the sorted parameters, Base64 (Twilio's algorithm). */
    private static final nl.omkijken.bench.resilience.TwilioSigner SIGNER = new nl.omkijken.bench.resilience.TwilioSigner(TOKEN);

    static String sign(String url, Map<String, String> form) {
        return SIGNER.sign(url, form);
    }

    static String encode(Map<String, String> form) {
        return nl.omkijken.bench.resilience.TwilioSigner.encode(form);
    }

    /**
     * AOF rewrites started so far (one in progress counts) and the bytes written to the AOF so far (the current file's
     * growth summed over rewrites is not kept by Redis: what the clients sent, total_net_input_bytes, stands in for it).
     * A rewrite forks Redis and copies the whole data set, on the same two cores as everything else: the runs of two
     * releases compare only when their windows hold as many.
     */
    private static long[] aof(int port) throws IOException {
        long rewrites = 0;
        long bytes = 0;
        for (String line : (redisCall(port, "INFO", "persistence") + redisCall(port, "INFO", "stats")).split("\r\n")) {
            if (line.startsWith("aof_rewrites:")) rewrites += Long.parseLong(line.substring(13).trim());
            if (line.startsWith("aof_rewrite_in_progress:")) rewrites += Long.parseLong(line.substring(24).trim());
            if (line.startsWith("total_net_input_bytes:")) bytes = Long.parseLong(line.substring(22).trim());
        }
        return new long[] {rewrites, bytes};
    }

    private static long redisCommands(int port) throws IOException {
        return commandCounts(port).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Calls per Redis command since the server started (INFO commandstats), without INFO itself. */
    private static Map<String, Long> commandCounts(int port) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (String line : redisCall(port, "INFO", "commandstats").split("\r\n")) {
            int i = line.indexOf("calls=");
            if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info") && i > 0) {
                counts.put(line.substring(8, line.indexOf(':')), Long.parseLong(line.substring(i + 6, line.indexOf(',', i))));
            }
        }
        return counts;
    }

    /** Microseconds Redis spent per command since the server started (INFO commandstats, usec=). */
    private static Map<String, Long> commandMicros(int port) throws IOException {
        Map<String, Long> micros = new TreeMap<>();
        for (String line : redisCall(port, "INFO", "commandstats").split("\r\n")) {
            int i = line.indexOf("usec=");
            if (line.startsWith("cmdstat_") && i > 0) {
                micros.put(line.substring(8, line.indexOf(':')), Long.parseLong(line.substring(i + 5, line.indexOf(',', i))));
            }
        }
        return micros;
    }

    /** One RESP command over a plain socket; returns the bulk string reply. */
    static String redisCall(int port, String... parts) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            StringBuilder cmd = new StringBuilder("*" + parts.length + "\r\n");
            for (String p : parts) cmd.append('$').append(p.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(p).append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(cmd.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String first = in.readLine();
            if (first == null) throw new IOException("no answer from redis");
            if (first.startsWith("+") || first.startsWith("-")) return first.substring(1);
            int len = Integer.parseInt(first.substring(1));
            char[] buf = new char[len];
            int read = 0;
            while (read < len) {
                int n = in.read(buf, read, len - read);
                if (n < 0) break;
                read += n;
            }
            return new String(buf, 0, read);
        }
    }

    private static String redisBenchmark(int port) throws Exception {
        Process p = new ProcessBuilder("redis-benchmark", "-h", "127.0.0.1", "-p", String.valueOf(port), "-t", "set",
                "-n", "200000", "-c", "50", "-q", "--csv").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        for (String line : out.split("\n")) {
            if (line.startsWith("\"SET\"")) return line.split(",")[1].replace("\"", "");
        }
        throw new IllegalStateException("redis-benchmark printed no SET figure: " + out);
    }

    private static void awaitRedis(int port) throws Exception {
        for (int i = 0; i < 100; i++) {
            try {
                if (redisCall(port, "PING").equals("PONG")) return;
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("redis-server did not start");
    }

    private static void awaitHealthy(String base, Process service) throws Exception {
        java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 600; i++) {
            if (!service.isAlive()) throw new IllegalStateException("service exited; see its log");
            try {
                HttpResponse<String> r = c.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("service not healthy in 60 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) m.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        return m;
    }
}
