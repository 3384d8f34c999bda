package nl.omkijken.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.omkijken.bench.resilience.RedisServer;
import nl.omkijken.bench.resilience.ServiceProcess;

/**
 * A voice turn's latency (issue 13: well within Twilio's 15 seconds, target p99 under 200 ms): the packaged
 * service with Twilio Voice on, its own redis-server, and calls to the Telefooncirkel's number as Twilio makes
 * them, each from a new caller: the signed "call answered" webhook (the check-in begins: a person, a
 * conversation, a turn), then the Gather's "1" (a turn that ends the check-in). New calls start at a fixed
 * rate; every webhook's time until its TwiML is back is measured. Everything on 127.0.0.1.
 *
 * <pre>mvn -B -q -Pbench -DskipTests package exec:exec -Dbench.main=nl.omkijken.bench.VoiceLoad
 *     -Dbench.args="--rate 50 --seconds 30 --warmup 15"</pre>
 */
public final class VoiceLoad {
    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "voice-bench-auth-token-0123456789";
    private static final String PUBLIC = "https://omkijken.example.nl";
    private static final String OURS = "+3197010200311";

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        int rate = Integer.parseInt(opt.getOrDefault("rate", "50"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "30"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "15"));
        Path jar = Path.of(opt.getOrDefault("jar", "target/omkijken.jar"));
        Path work = Files.createTempDirectory("omk-voice-bench");

        RedisServer redis = new RedisServer(RedisServer.freePort(), work.resolve("redis"), "everysec");
        redis.start();
        Vertx vertx = Vertx.vertx();
        int port = RedisServer.freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", String.valueOf(port));
        env.put("REDIS_URL", redis.url());
        env.put("DATA_DIR", work.resolve("data").toString());
        env.put("DIALOGS_DIR", Path.of("dialogs").toAbsolutePath().toString());
        env.put("LOG_LEVEL", "WARN");
        env.put("ADDRESS_KEY", "voice-bench-address-key-0123456789abcdef");
        env.put("LOG_PSEUDONYM_KEY", "voice-bench-pseudonym-key");
        env.put("PUBLIC_BASE_URL", PUBLIC);
        env.put("TWILIO_ACCOUNT_SID", ACCOUNT);
        env.put("TWILIO_AUTH_TOKEN", TOKEN);
        // Not called in this run (inbound calls only); a closed local port keeps it on 127.0.0.1.
        env.put("TWILIO_API_BASE_URL", "http://127.0.0.1:" + RedisServer.freePort());
        env.put("TWILIO_NUMBERS_TELEFOONCIRKEL", OURS);
        env.put("TWILIO_RECONCILE_INTERVAL", "off");
        ServiceProcess service = new ServiceProcess(jar, List.of("-Xms512m", "-Xmx512m"), env, work.resolve("service.log"),
                "http://127.0.0.1:" + port);
        try {
            service.start(Duration.ofSeconds(120));
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(10),
                    new PoolOptions().setHttp1MaxSize(200));
            run(http, port, rate, warmup, new ArrayList<>(), new ArrayList<>(), new AtomicLong(), "w");
            List<Long> answered = Collections.synchronizedList(new ArrayList<>());
            List<Long> heard = Collections.synchronizedList(new ArrayList<>());
            AtomicLong failed = new AtomicLong();
            long calls = run(http, port, rate, seconds, answered, heard, failed, "r");
            long[] a = answered.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] h = heard.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("%d calls a second for %d s: %d calls, %d webhooks not answered with TwiML%n", rate, seconds, calls, failed.get());
            System.out.printf("| webhook | requests | p50 | p99 | p99.9 | max |%n|---|---|---|---|---|---|%n");
            System.out.printf("| call answered (check-in begins) | %d | %s | %s | %s | %s |%n", a.length, ms(a, 0.5), ms(a, 0.99), ms(a, 0.999), ms(a, 1));
            System.out.printf("| key 1 heard (check-in ends) | %d | %s | %s | %s | %s |%n", h.length, ms(h, 0.5), ms(h, 0.99), ms(h, 0.999), ms(h, 1));
        } finally {
            service.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            redis.stop();
        }
    }

    /** Starts {@code rate} calls a second for {@code seconds}; waits for all to finish. Returns the calls made. */
    private static long run(HttpClient http, int port, int rate, int seconds, List<Long> answered, List<Long> heard,
                            AtomicLong failed, String tag) throws InterruptedException {
        int total = rate * seconds;
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * 1_000_000_000.0 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
            String sid = String.format("CA%s%031x", tag.equals("w") ? "a" : "b", i);
            String caller = String.format("+3120%07d", (tag.equals("w") ? 0 : 5_000_000) + i);
            Map<String, String> form = new TreeMap<>(Map.of("AccountSid", ACCOUNT, "CallSid", sid, "CallStatus", "in-progress",
                    "Direction", "inbound", "From", caller, "To", OURS, "ApiVersion", "2010-04-01"));
            long t0 = System.nanoTime();
            post(http, port, "/webhooks/twilio/voice", form).compose(body -> {
                answered.add((System.nanoTime() - t0) / 1_000_000);
                if (!body.contains("<Gather")) return Future.failedFuture("no Gather");
                Map<String, String> keys = new TreeMap<>(form);
                keys.put("Digits", "1");
                long t1 = System.nanoTime();
                return post(http, port, "/webhooks/twilio/voice?heard=0", keys).map(b -> {
                    heard.add((System.nanoTime() - t1) / 1_000_000);
                    return b.contains("<Hangup/>");
                });
            }).onComplete(ar -> {
                if (ar.failed() || !Boolean.TRUE.equals(ar.result())) failed.incrementAndGet();
                done.countDown();
            });
        }
        done.await(120, TimeUnit.SECONDS);
        return total;
    }

    private static Future<String> post(HttpClient http, int port, String pathAndQuery, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port).setURI(pathAndQuery)
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .putHeader("X-Twilio-Signature", sign(PUBLIC + pathAndQuery, form));
        return http.request(o).compose(r -> r.send(Buffer.buffer(body.toString())))
                .compose(r -> r.body().map(b -> {
                    if (r.statusCode() != 200) throw new IllegalStateException("status " + r.statusCode());
                    return b.toString();
                }));
    }

    /** Twilio's signature: HMAC-SHA1 over the URL and the sorted parameters, Base64. */
    private static String sign(String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ms(long[] sorted, double q) {
        if (sorted.length == 0) return "-";
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] + " ms";
    }
}
