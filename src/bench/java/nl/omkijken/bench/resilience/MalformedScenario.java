package nl.omkijken.bench.resilience;

import java.util.Map;
import java.util.Random;

/** Malformed and forged requests mixed into the load: each must get a 4xx and cause no turn. */
final class MalformedScenario implements Scenario {
    @Override
    public String key() { return "malformed"; }

    @Override
    public String title() { return "malformed and forged requests"; }

    @Override
    public void run(TestBed bed, ScenarioResult r, Random random) throws Exception {
        Options o = bed.options;
        bed.load.start();
        Scenario.sleepSeconds(2);
        MalformedRequests m = new MalformedRequests(bed.servicePort, bed.hooks, bed.load::conversations, o.integer("answer-timeout") * 1000);
        m.run(o.integer("malformed-rate"), o.integer("seconds"), o.integer("big-bodies"));
        Tally t = Drain.run(bed, System.nanoTime(), r);
        int total = m.count(s -> true);
        int not4xx = m.count(s -> s < 400 || s > 499);
        r.requestsNot4xx = not4xx;
        r.add(Figure.info("malformed and forged requests", total));
        r.add(Figure.info("answered 4xx", m.count(s -> s >= 400 && s <= 499)));
        r.add(Figure.zero("answered 2xx or 3xx", m.count(s -> s >= 200 && s < 400)));
        r.add(Figure.zero("answered 5xx", m.count(s -> s >= 500)));
        r.add(Figure.zero("closed or reset without an answer", m.count(s -> s == RawHttp.RESET)));
        r.add(Figure.zero("no answer within " + o.integer("answer-timeout") + " s", m.count(s -> s == RawHttp.NO_ANSWER)));
        int oversize = m.count(MalformedRequests::oversize, s -> true);
        int oversize413 = m.count(MalformedRequests::oversize, s -> s == 413);
        r.add(Figure.check("bodies over 64 KiB (100 KiB forms and JSON, 10 MB chunked) answered 413", oversize413 + " of " + oversize,
                "all", oversize413 == oversize));
        try (RespClient redis = new RespClient(bed.redis.port())) {
            Accounting a = new Accounting(redis, bed.twilioLog, bed.telegramLog);
            int created = a.peopleWith("+" + MalformedRequests.FORGED_SMS_PREFIX.replace("+", ""))
                    + a.peopleWith(String.valueOf(MalformedRequests.FORGED_CHAT_BASE / 100_000_000));
            r.add(Figure.zero("people of forged requests in Redis", created));
        }
        r.add(Figure.check("service running at the end", bed.service.alive() ? "yes" : "no", "yes", bed.service.alive()));
        CommonFigures.add(bed, r, t);
        r.notes.add("answers by kind (status: count; -1 = closed or reset, 0 = no answer):");
        for (Map.Entry<String, Map<Integer, Integer>> e : new java.util.TreeMap<>(m.answers).entrySet()) {
            r.notes.add("  " + e.getKey() + ": " + CommonFigures.format(new java.util.TreeMap<>(e.getValue())));
        }
    }
}
