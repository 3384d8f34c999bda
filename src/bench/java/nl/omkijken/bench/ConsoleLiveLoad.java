package nl.omkijken.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nl.omkijken.bench.resilience.RedisServer;
import nl.omkijken.bench.resilience.ServiceProcess;

/**
 * The staff console's live updates under load (issue 10): two instances of the packaged service on one
 * real redis-server, 50 consoles (signed-in coordinators, so every console sees every conversation)
 * following the live feed, 25 on each instance, while sandbox messages arrive at a fixed rate spread
 * over both instances. For every event each console receives, the delay from the turn's commit (the
 * event log entry's id is Redis's clock at the commit) to its arrival in that console. Everything on
 * 127.0.0.1, one machine, so the clocks are the same.
 *
 * <pre>mvn -B -q -Pbench -DskipTests package exec:exec -Dbench.main=nl.omkijken.bench.ConsoleLiveLoad
 *     -Dbench.args="--consoles 50 --rate 100 --seconds 60"</pre>
 */
public final class ConsoleLiveLoad {
    private static final String PASSWORD = "bench coordinator password 2026";

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        int consoles = Integer.parseInt(opt.getOrDefault("consoles", "50"));
        int rate = Integer.parseInt(opt.getOrDefault("rate", "100"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "60"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "20"));
        Path jar = Path.of(opt.getOrDefault("jar", "target/omkijken.jar"));
        Path work = Files.createTempDirectory("omk-console-bench");

        RedisServer redis = new RedisServer(RedisServer.freePort(), work.resolve("redis"), "everysec");
        redis.start();
        List<ServiceProcess> services = new ArrayList<>();
        Vertx vertx = Vertx.vertx();
        try {
            for (int i = 0; i < 2; i++) {
                int port = RedisServer.freePort();
                Map<String, String> env = new LinkedHashMap<>();
                env.put("PORT", String.valueOf(port));
                env.put("REDIS_URL", redis.url());
                env.put("DATA_DIR", work.resolve("data-" + i).toString());
                env.put("DIALOGS_DIR", Path.of("dialogs").toAbsolutePath().toString());
                env.put("SANDBOX", "true");
                env.put("LOG_LEVEL", "WARN");
                env.put("ADDRESS_KEY", "console-bench-address-key-0123456789abcdef");
                env.put("LOG_PSEUDONYM_KEY", "console-bench-pseudonym-key");
                ServiceProcess s = new ServiceProcess(jar, List.of("-Xms512m", "-Xmx512m"), env,
                        work.resolve("service-" + i + ".log"), "http://127.0.0.1:" + port);
                s.start(Duration.ofSeconds(120));
                services.add(s);
            }
            addWorkers(jar, redis.url(), work, 5);

            List<Long> delays = Collections.synchronizedList(new ArrayList<>());
            AtomicLong received = new AtomicLong();
            AtomicLong measuring = new AtomicLong(0);
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(200));
            for (int c = 0; c < consoles; c++) {
                String base = services.get(c % 2).baseUrl();
                String cookie = signIn(base, "Coordinator " + (c % 5));
                follow(http, base, cookie, delays, received, measuring);
            }
            Thread.sleep(1000);

            send(http, services, rate, warmup, "warm");
            Thread.sleep(2000);
            delays.clear();
            measuring.set(1);
            long receivedBefore = received.get();
            long sent = send(http, services, rate, seconds, "run");
            Thread.sleep(3000);
            measuring.set(0);
            long[] d = delays.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("%d consoles (25 on each of 2 instances), %d msg/s for %d s: %d messages, %d console events "
                            + "(expected about %d)%n", consoles, rate, seconds, sent, received.get() - receivedBefore,
                    sent * consoles);
            System.out.printf("| consoles | instances | messages/s | events received | p50 | p99 | p99.9 | max |%n"
                            + "|---|---|---|---|---|---|---|---|%n| %d | 2 | %d | %d | %s | %s | %s | %s |%n",
                    consoles, rate, d.length, ms(d, 0.5), ms(d, 0.99), ms(d, 0.999), ms(d, 1.0));
        } finally {
            for (ServiceProcess s : services) s.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            redis.stop();
        }
    }

    /** Coordinators through the jar's own add-worker command, as an operator would. */
    private static void addWorkers(Path jar, String redisUrl, Path work, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    jar.toAbsolutePath().toString(), "add-worker", "--name", "Coordinator " + i, "--role", "coordinator");
            pb.environment().putAll(Map.of("REDIS_URL", redisUrl, "DATA_DIR", work.resolve("cli").toString(),
                    "DIALOGS_DIR", Path.of("dialogs").toAbsolutePath().toString()));
            pb.redirectErrorStream(true);
            Process p = pb.start();
            p.getOutputStream().write((PASSWORD + "\n" + PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IllegalStateException("add-worker failed: " + out);
        }
    }

    /** Signs in the way the page does (form token, then the session); returns the Cookie header. */
    private static String signIn(String base, String name) throws IOException, InterruptedException {
        java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
        HttpResponse<String> form = c.send(HttpRequest.newBuilder(URI.create(base + "/console/api/signin")).build(),
                HttpResponse.BodyHandlers.ofString());
        String formCookie = cookie(form);
        String token = new JsonObject(form.body()).getString("token");
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(base + "/console/api/signin"))
                .header("Cookie", formCookie).header("X-CSRF-Token", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("name", name).put("password", PASSWORD).encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("sign-in failed: " + r.body());
        return r.headers().allValues("set-cookie").stream().filter(v -> v.startsWith("__Host-omk-console="))
                .map(v -> v.split(";", 2)[0]).findFirst().orElseThrow();
    }

    private static String cookie(HttpResponse<?> r) {
        return r.headers().allValues("set-cookie").stream().map(v -> v.split(";", 2)[0]).findFirst().orElseThrow();
    }

    /** One console's live feed: each event's delay from its commit (the id's millis) to now. */
    private static void follow(HttpClient http, String base, String cookie, List<Long> delays, AtomicLong received,
                               AtomicLong measuring) {
        URI uri = URI.create(base + "/console/api/events");
        StringBuilder pending = new StringBuilder();
        http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(uri.getHost()).setPort(uri.getPort())
                        .setURI(uri.getPath()).putHeader("Cookie", cookie).putHeader("Accept", "text/event-stream"))
                .compose(req -> req.send())
                .onSuccess((HttpClientResponse res) -> res.handler((Buffer chunk) -> {
                    long now = System.currentTimeMillis();
                    pending.append(chunk.toString(StandardCharsets.UTF_8));
                    int end;
                    while ((end = pending.indexOf("\n\n")) >= 0) {
                        String event = pending.substring(0, end);
                        pending.delete(0, end + 2);
                        for (String line : event.split("\n")) {
                            if (!line.startsWith("data: ")) continue;
                            JsonObject e = new JsonObject(line.substring(6));
                            String id = e.getString("id");
                            if (id == null) continue;
                            received.incrementAndGet();
                            if (measuring.get() == 1) delays.add(now - Long.parseLong(id.substring(0, id.indexOf('-'))));
                        }
                    }
                }))
                .onFailure(e -> System.err.println("a console could not follow: " + e));
    }

    /** Sandbox messages at {@code rate} a second, alternating between the instances; each from a new person. */
    private static long send(HttpClient http, List<ServiceProcess> services, int rate, int seconds, String tag) throws Exception {
        long total = (long) rate * seconds;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
            URI uri = URI.create(services.get((int) (i % 2)).baseUrl() + "/sandbox/api/conversations/" + tag + "-" + i + "/messages");
            String body = new JsonObject().put("text", i % 10 == 0 ? "ik wil een medewerker spreken" : "hoi")
                    .put("line", "luisterlijn").encode();
            http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost()).setPort(uri.getPort())
                            .setURI(uri.getPath()).putHeader("Content-Type", "application/json"))
                    .compose(req -> req.send(body)).compose(HttpClientResponse::body)
                    .onFailure(e -> System.err.println("a message failed: " + e));
        }
        return total;
    }

    private static String ms(long[] sorted, double q) {
        if (sorted.length == 0) return "-";
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] + " ms";
    }
}
