package nl.omkijken.bench.resilience;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The resilience suite of issue 16: runs the packaged service against its own redis-server and fake
 * Twilio and Telegram APIs on 127.0.0.1 under bounded load (about 100 messages a second) and, in
 * separate scenarios, kills it, restarts Redis, makes the providers slow or failing, sends malformed
 * and forged requests and holds slow connections; then accounts for every message and reply. Prints
 * a report with the targets and exits 1 when one is missed. See docs/RELIABILITY.md.
 */
public final class ResilienceSuite {
    private static final List<Scenario> SCENARIOS = List.of(new KillScenario(), new RedisRestartScenario(),
            new ProviderPhaseScenario(), new MalformedScenario(), new SlowClientScenario());

    private ResilienceSuite() {}

    /** The suite's own Vert.x and Netty would log every connection the killed service reset: not findings. */
    private static void quietLibraries() {
        for (String name : List.of("io.vertx", "io.netty")) {
            org.slf4j.Logger l = org.slf4j.LoggerFactory.getLogger(name);
            if (l instanceof ch.qos.logback.classic.Logger lb) lb.setLevel(ch.qos.logback.classic.Level.OFF);
        }
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = new Options(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (o.help()) {
            System.out.println(Options.usage());
            return;
        }
        if (!Files.exists(Path.of(o.text("jar")))) {
            System.err.println(o.text("jar") + " is missing: build it first (mvn -B -q -DskipTests package)");
            System.exit(2);
        }
        long seed = o.text("seed").isEmpty() ? System.currentTimeMillis() : Long.parseLong(o.text("seed"));
        o.set("seed", String.valueOf(seed));
        Path root = o.text("work").isEmpty() ? Files.createTempDirectory("omk-resilience") : Files.createDirectories(Path.of(o.text("work")));
        // A private copy: a rebuild of target/omkijken.jar during the run would pull the classes from
        // under the running service (NoClassDefFoundError) and change what is being tested.
        Path jar = root.resolve("omkijken.jar");
        Files.copy(Path.of(o.text("jar")), jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String jarGiven = o.text("jar");
        o.set("jar", jar.toString());
        Map<String, Scenario> byKey = SCENARIOS.stream().collect(Collectors.toMap(Scenario::key, Function.identity()));
        List<Scenario> chosen = new ArrayList<>();
        for (String k : o.list("scenarios")) {
            Scenario s = byKey.get(k);
            if (s == null) {
                System.err.println("unknown scenario " + k + "; known: " + byKey.keySet());
                System.exit(2);
            }
            chosen.add(s);
        }
        System.out.println("## Resilience suite, " + LocalDateTime.now().withNano(0));
        System.out.println("\n" + o.summary() + "\n\nservice: a copy of " + jarGiven + " (" + Files.size(jar) + " bytes, "
                + Files.getLastModifiedTime(Path.of(jarGiven)) + ")\nwork folder (Redis data, service logs): " + root);
        quietLibraries();
        // Stopped early (Ctrl-C, SIGTERM): take the service and redis-server of the running scenario along.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        List<ScenarioResult> results = new ArrayList<>();
        Random random = new Random(seed);
        try {
            for (Scenario s : chosen) {
                ScenarioResult r = new ScenarioResult(s.title());
                long started = System.nanoTime();
                System.err.println(LocalDateTime.now().withNano(0) + " scenario " + s.key() + " starts");
                try (TestBed bed = new TestBed(o, root, s.key(), vertx, random.nextLong())) {
                    s.run(bed, r, random);
                } catch (Exception e) {
                    r.error = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                r.seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
                results.add(r);
                System.out.print(Report.scenario(r));
                System.out.flush();
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        System.out.print(Report.summary(results));
        System.exit(results.stream().allMatch(ScenarioResult::met) ? 0 : 1);
    }
}
