package nl.omkijken.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nl.omkijken.bench.resilience.RedisServer;
import nl.omkijken.bench.resilience.ServiceProcess;
import nl.omkijken.bench.resilience.TwilioSigner;
import nl.omkijken.circle.CallPlan;
import nl.omkijken.circle.Participant;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisParticipants;

/**
 * Issue 13's benchmark: plan and place the daily calls of many participants, all in one window, against a
 * fake Twilio Calls API on 127.0.0.1, with the account limited to a few calls a second, by one or more
 * instances of the packaged service on one redis-server. Every call is answered as Twilio would report it (the
 * fake posts the signed webhooks: answered by a person, key 1 "alles goed", the call completed), so the ladder
 * adds no retries. Measured at the fake: when each
 * call was asked for against its planned time (CallPlan's, the same plan the service makes), the most calls
 * in any one second, the achieved rate, and any participant called twice.
 *
 * <pre>mvn -B -q -Pbench -DskipTests package exec:exec -Dbench.main=nl.omkijken.bench.CallPlacing
 *     -Dbench.args="--participants 10000 --rate 5 --window 120 --instances 2"</pre>
 * The window starts on the next whole minute after a short lead; the run takes the time the calls take
 * (10,000 at 5 a second: about 34 minutes). Run it in Dutch daytime (the window must end before midnight).
 */
public final class CallPlacing {
    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "callplacing-bench-auth-token-01234";
    private static final String PUBLIC = "https://omkijken.example.nl";
    private static final String OURS = "+3197010200311";

    private record Placed(long atMillis, String participant, String attempt) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        int n = Integer.parseInt(opt.getOrDefault("participants", "10000"));
        int rate = Integer.parseInt(opt.getOrDefault("rate", "5"));
        int windowMinutes = Integer.parseInt(opt.getOrDefault("window", "120"));
        int instances = Integer.parseInt(opt.getOrDefault("instances", "2"));
        int lead = Integer.parseInt(opt.getOrDefault("lead", "90"));
        Path jar = Path.of(opt.getOrDefault("jar", "target/omkijken.jar"));
        Path work = Files.createTempDirectory("omk-callplacing");

        RedisServer redis = new RedisServer(RedisServer.freePort(), work.resolve("redis"), "everysec");
        redis.start();
        Vertx vertx = Vertx.vertx();
        // Enrolled for a window that is set once they are all in (enrolling takes a while): its times are then changed
        // in place, as a coordinator's change would.
        RedisConnection conn = RedisConnection.connect(vertx, redis.url()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        RedisParticipants store = new RedisParticipants(conn);
        long enrolling = System.nanoTime();
        List<Participant> enrolled = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Participant p = new Participant(String.format("p%05d", i), "Deelnemer " + i, String.format("+316%08d", 10_000_000 + i), "nl",
                    LocalTime.of(7, 0), LocalTime.of(9, 0), EnumSet.allOf(DayOfWeek.class), null, null, "", "",
                    new Participant.Consent("participant", LocalDate.now(CallPlan.ZONE).minusDays(30), "paper"), true, Instant.EPOCH);
            enrolled.add(p);
            store.save(p).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        System.out.printf("%d participants enrolled in %.1f s (each enrolment checks the number against everyone's)%n", n,
                (System.nanoTime() - enrolling) / 1e9);
        ZonedDateTime start = ZonedDateTime.now(CallPlan.ZONE).plusSeconds(lead).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDate day = start.toLocalDate();
        LocalTime from = start.toLocalTime();
        LocalTime until = from.plusMinutes(windowMinutes);
        if (!until.isAfter(from)) throw new IllegalStateException("the window would cross midnight; run it earlier in the day");
        List<Participant> all = new ArrayList<>();
        for (Participant e : enrolled) {
            Participant p = new Participant(e.id(), e.name(), e.phone(), e.language(), from, until, e.days(), null, null, "", "",
                    e.consent(), true, e.enrolledAt());
            all.add(p);
            store.save(p).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        conn.close();
        Map<String, Instant> planned = new HashMap<>();
        CallPlan.Day plan = CallPlan.of(all, day, rate, p -> false);
        for (CallPlan.Planned c : plan.calls()) planned.put(c.participantId(), c.at());
        System.out.printf("%d participants, window %s-%s (%d min), %d a second, %d not fitting, %d instance(s)%n",
                n, from, until, windowMinutes, rate, plan.notFitting().size(), instances);

        // The fake Calls API: records each call, answers 201, and a moment later "the person picks up".
        ConcurrentLinkedQueue<Placed> placed = new ConcurrentLinkedQueue<>();
        TwilioSigner signer = new TwilioSigner(TOKEN);
        WebClient client = WebClient.create(vertx);
        List<Integer> ports = new ArrayList<>();
        AtomicInteger answeredFailed = new AtomicInteger();
        AtomicInteger sids = new AtomicInteger();
        Router router = Router.router(vertx);
        router.post("/2010-04-01/Accounts/:sid/Calls.json").handler(BodyHandler.create(false)).handler(ctx -> {
            long at = System.currentTimeMillis();
            String url = ctx.request().getFormAttribute("Url");
            Map<String, String> query = query(URI.create(url).getRawQuery());
            placed.add(new Placed(at, query.getOrDefault("participant", "?"), query.getOrDefault("attempt", "?")));
            String sid = String.format("CA%032x", sids.incrementAndGet());
            ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(new JsonObject()
                    .put("account_sid", ACCOUNT).put("api_version", "2010-04-01").put("sid", sid).put("status", "queued")
                    .put("direction", "outbound-api").put("to", ctx.request().getFormAttribute("To")).put("from", OURS).encode());
            Map<String, String> form = new TreeMap<>(Map.of("AccountSid", ACCOUNT, "ApiVersion", "2010-04-01", "CallSid", sid,
                    "CallStatus", "in-progress", "Direction", "outbound-api", "From", OURS, "To", ctx.request().getFormAttribute("To"),
                    "AnsweredBy", "human"));
            int port = ports.get(Math.floorMod(sids.get(), ports.size()));
            String status = ctx.request().getFormAttribute("StatusCallback");
            // The person picks up, presses 1 ("alles goed"), and the call ends: as Twilio reports a real call.
            vertx.setTimer(300, t -> post(client, signer, port, url, form).compose(twiml -> {
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("action=\"([^\"]+)\"").matcher(twiml);
                        if (!m.find()) return io.vertx.core.Future.failedFuture("no Gather in the answer");
                        Map<String, String> keys = new TreeMap<>(form);
                        keys.put("Digits", "1");
                        return post(client, signer, port, m.group(1).replace("&amp;", "&"), keys);
                    }).compose(bye -> {
                        Map<String, String> done = new TreeMap<>(form);
                        done.put("CallStatus", "completed");
                        done.put("CallDuration", "20");
                        return post(client, signer, port, status, done);
                    }).onComplete(ar -> {
                        if (ar.failed()) answeredFailed.incrementAndGet();
                    }));
        });
        HttpServer fake = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        List<ServiceProcess> services = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                int port = RedisServer.freePort();
                ports.add(port);
                Map<String, String> env = new LinkedHashMap<>();
                env.put("PORT", String.valueOf(port));
                env.put("REDIS_URL", redis.url());
                env.put("DATA_DIR", work.resolve("data" + i).toString());
                env.put("DIALOGS_DIR", Path.of("dialogs").toAbsolutePath().toString());
                env.put("LOG_LEVEL", "WARN");
                env.put("ADDRESS_KEY", "callplacing-address-key-0123456789abcdef");
                env.put("LOG_PSEUDONYM_KEY", "callplacing-pseudonym-key");
                env.put("PUBLIC_BASE_URL", PUBLIC);
                env.put("TWILIO_ACCOUNT_SID", ACCOUNT);
                env.put("TWILIO_AUTH_TOKEN", TOKEN);
                env.put("TWILIO_API_BASE_URL", "http://127.0.0.1:" + fake.actualPort());
                env.put("TWILIO_NUMBERS_TELEFOONCIRKEL", OURS);
                env.put("TWILIO_CALLS_PER_SECOND", String.valueOf(rate));
                env.put("TWILIO_RECONCILE_INTERVAL", "off");
                ServiceProcess s = new ServiceProcess(jar, List.of("-Xms512m", "-Xmx512m"), env, work.resolve("service" + i + ".log"),
                        "http://127.0.0.1:" + port);
                s.start(Duration.ofSeconds(180));
                services.add(s);
            }
            Instant last = plan.calls().isEmpty() ? start.toInstant() : plan.calls().get(plan.calls().size() - 1).at();
            Instant stop = last.plusSeconds(90);
            while (Instant.now().isBefore(stop) && placed.size() < plan.calls().size()) {
                Thread.sleep(10_000);
                System.out.printf("  %s: %d of %d calls placed%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), placed.size(), plan.calls().size());
            }
            Thread.sleep(5_000);
        } finally {
            for (ServiceProcess s : services) s.close();
        }

        // The figures.
        List<Placed> calls = new ArrayList<>(placed);
        Map<String, Integer> perParticipant = new ConcurrentHashMap<>();
        Map<Long, Integer> perSecond = new TreeMap<>();
        List<Long> lateness = new ArrayList<>();
        int early = 0;
        for (Placed c : calls) {
            perParticipant.merge(c.participant() + "#" + c.attempt(), 1, Integer::sum);
            perSecond.merge(c.atMillis() / 1000, 1, Integer::sum);
            Instant due = planned.get(c.participant());
            if (due != null && "1".equals(c.attempt())) {
                long late = c.atMillis() - due.toEpochMilli();
                if (late < 0) early++;
                lateness.add(late);
            }
        }
        long twice = perParticipant.values().stream().filter(v -> v > 1).count();
        long retries = calls.stream().filter(c -> !"1".equals(c.attempt())).count();
        int maxPerSecond = perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        long overLimit = perSecond.values().stream().filter(v -> v > rate).count();
        long[] l = lateness.stream().mapToLong(Long::longValue).sorted().toArray();
        long withinMinute = lateness.stream().filter(x -> x <= 60_000).count();
        double seconds = calls.size() < 2 ? 0 : (calls.stream().mapToLong(Placed::atMillis).max().getAsLong()
                - calls.stream().mapToLong(Placed::atMillis).min().getAsLong()) / 1000.0;
        System.out.printf("%n| participants | instances | limit | calls placed | placed twice | retries | most in one second | seconds over the limit "
                + "| achieved rate | within 60 s of plan | lateness p50 | p99 | max |%n|---|---|---|---|---|---|---|---|---|---|---|---|---|%n");
        System.out.printf("| %d | %d | %d/s | %d | %d | %d | %d | %d | %.2f/s | %d of %d | %s | %s | %s |%n", n, instances, rate, calls.size(), twice,
                retries, maxPerSecond, overLimit, seconds == 0 ? 0 : (calls.size() - 1) / seconds, withinMinute, lateness.size(),
                ms(l, 0.5), ms(l, 0.99), ms(l, 1));
        System.out.printf("(%d calls asked for before their planned time; %d calls whose answer, key 1 or end was not taken; logs in %s)%n", early,
                answeredFailed.get(), work);
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        redis.stop();
    }

    /** A signed webhook as Twilio posts it, to one instance; the body when it answered 200. */
    private static io.vertx.core.Future<String> post(WebClient client, TwilioSigner signer, int port, String url, Map<String, String> form) {
        String full = url.startsWith("http") ? url : PUBLIC + url;
        return client.post(port, "127.0.0.1", full.substring(PUBLIC.length())).putHeader("X-Twilio-Signature", signer.sign(full, form))
                .putHeader("Content-Type", "application/x-www-form-urlencoded").timeout(10_000)
                .sendBuffer(io.vertx.core.buffer.Buffer.buffer(TwilioSigner.encode(form))).compose(r -> r.statusCode() == 200
                        ? io.vertx.core.Future.succeededFuture(r.bodyAsString() == null ? "" : r.bodyAsString())
                        : io.vertx.core.Future.failedFuture("status " + r.statusCode() + " for " + full));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String ms(long[] sorted, double q) {
        if (sorted.length == 0) return "-";
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] + " ms";
    }
}
