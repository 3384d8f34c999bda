package nl.omkijken.bench.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** kill -9 of the service at random moments under load, each time started again at once. */
final class KillScenario implements Scenario {
    @Override
    public String key() { return "kill"; }

    @Override
    public String title() { return "kill -9 of the service"; }

    @Override
    public void run(TestBed bed, ScenarioResult r, Random random) throws Exception {
        Options o = bed.options;
        int kills = o.integer("kills");
        bed.load.start();
        List<Long> restartMillis = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            Scenario.sleepSeconds(Scenario.between(random, o.integer("up-min"), o.integer("up-max")));
            long killed = System.nanoTime();
            bed.service.kill();
            bed.service.start(Duration.ofSeconds(120));
            restartMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
        }
        long last = System.nanoTime();
        Scenario.sleepSeconds(3);
        Tally t = Drain.run(bed, last + TimeUnit.SECONDS.toNanos(o.integer("settle")), r);
        r.add(Figure.info("kill -9s (each followed by a start)", kills));
        r.add(Figure.info("kill to healthy again, shortest / longest",
                restartMillis.stream().mapToLong(Long::longValue).min().orElse(0) + " / "
                        + restartMillis.stream().mapToLong(Long::longValue).max().orElse(0) + " ms"));
        r.add(Figure.check("service running at the end", bed.service.alive() ? "yes" : "no", "yes", bed.service.alive()));
        CommonFigures.add(bed, r, t);
    }
}
