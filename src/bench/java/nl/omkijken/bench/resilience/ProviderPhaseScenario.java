package nl.omkijken.bench.resilience;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Both providers slow, failing with 500, limiting with 429 and Retry-After, and answering 200 unreadably, in turn. */
final class ProviderPhaseScenario implements Scenario {
    @Override
    public String key() { return "provider"; }

    @Override
    public String title() { return "provider phases"; }

    @Override
    public void run(TestBed bed, ScenarioResult r, Random random) throws Exception {
        Options o = bed.options;
        List<ProviderPhase> phases = o.list("phases").stream().map(ProviderPhase::parse).toList();
        bed.load.start();
        for (ProviderPhase p : phases) {
            Scenario.sleepSeconds(o.integer("phase-gap"));
            bed.phase(p);
            Scenario.sleepSeconds(p.length() > 0 ? p.length() : o.integer("phase-seconds"));
            bed.phase(ProviderPhase.NORMAL);
        }
        long last = System.nanoTime();
        Scenario.sleepSeconds(o.integer("phase-gap"));
        Tally t = Drain.run(bed, last + TimeUnit.SECONDS.toNanos(o.integer("settle")), r);
        r.add(Figure.info("phases, both providers at once, " + o.integer("phase-gap") + " s normal before each",
                String.join(", ", phases.stream().map(p -> p.label(o.integer("phase-seconds"))).toList())));
        r.add(Figure.check("service running at the end", bed.service.alive() ? "yes" : "no", "yes", bed.service.alive()));
        CommonFigures.add(bed, r, t);
    }
}
