package nl.omkijken.bench.resilience;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Redis stopped under load, SIGTERM and kill -9 in turn, and started again from its append-only file. */
final class RedisRestartScenario implements Scenario {
    @Override
    public String key() { return "redis"; }

    @Override
    public String title() { return "Redis restarts from its append-only file"; }

    @Override
    public void run(TestBed bed, ScenarioResult r, Random random) throws Exception {
        Options o = bed.options;
        int restarts = o.integer("redis-restarts");
        bed.load.start();
        int healthyAgain = 0;
        long longestUnhealthy = 0;
        for (int i = 1; i <= restarts; i++) {
            Scenario.sleepSeconds(Scenario.between(random, 3, 8));
            long down = System.nanoTime();
            if (i % 2 == 1) bed.redis.stop();
            else bed.redis.kill();
            Scenario.sleepSeconds(o.integer("redis-down"));
            bed.redis.start();
            try {
                bed.service.awaitHealthy(Duration.ofSeconds(60));
                healthyAgain++;
            } catch (IllegalStateException e) {
                r.notes.add("after Redis restart " + i + ": " + e.getMessage());
            }
            longestUnhealthy = Math.max(longestUnhealthy, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - down));
        }
        long last = System.nanoTime();
        Scenario.sleepSeconds(3);
        Tally t = Drain.run(bed, last + TimeUnit.SECONDS.toNanos(o.integer("settle")), r);
        r.add(Figure.info("Redis restarts (SIGTERM / kill -9)", ((restarts + 1) / 2) + " / " + (restarts / 2)));
        r.add(Figure.check("service healthy again within 60 s of each restart", healthyAgain + " of " + restarts,
                "all", healthyAgain == restarts));
        r.add(Figure.info("Redis stopped until the service was healthy, longest", longestUnhealthy + " ms"));
        r.add(Figure.check("service running at the end", bed.service.alive() ? "yes" : "no", "yes", bed.service.alive()));
        CommonFigures.add(bed, r, t);
    }
}
