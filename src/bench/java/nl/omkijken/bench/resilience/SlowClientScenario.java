package nl.omkijken.bench.resilience;

import java.util.Random;

/** Idle connections, slowloris headers and trickling bodies held against the service while normal load goes on. */
final class SlowClientScenario implements Scenario {
    @Override
    public String key() { return "slow"; }

    @Override
    public String title() { return "slow clients"; }

    @Override
    public void run(TestBed bed, ScenarioResult r, Random random) throws Exception {
        Options o = bed.options;
        long started = System.nanoTime();
        bed.load.start();
        Scenario.sleepSeconds(3);
        SlowClients s = new SlowClients(bed.servicePort);
        int cap = o.integer("hold-cap");
        s.run(o.integer("idle"), o.integer("slowloris"), o.integer("slow-bodies"), cap);
        double left = o.integer("seconds") - (System.nanoTime() - started) / 1e9;
        if (left > 0) Scenario.sleepSeconds(left);
        Tally t = Drain.run(bed, System.nanoTime(), r);
        int atCap = 0;
        for (var e : s.holds.entrySet()) {
            SlowClients.Holds h = e.getValue();
            String kind = e.getKey().name().toLowerCase().replace('_', ' ');
            r.add(Figure.info(kind + ": opened / refused / closed by the service", h.opened + " / " + h.refused + " / " + h.closedByService));
            r.add(Figure.info(kind + ": held p50 / max", h.percentile(0.5) + " / " + h.percentile(1.0) + " ms"));
            r.add(Figure.zero(kind + ": still open after " + cap + " s", h.stillOpenAtCap));
            atCap += h.stillOpenAtCap;
        }
        r.heldAtCap = atCap;
        r.add(Figure.zero("normal messages given up without a 200", t.notAcknowledged));
        r.add(Figure.check("service running at the end", bed.service.alive() ? "yes" : "no", "yes", bed.service.alive()));
        CommonFigures.add(bed, r, t);
    }
}
