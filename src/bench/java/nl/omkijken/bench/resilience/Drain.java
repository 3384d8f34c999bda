package nl.omkijken.bench.resilience;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The end of a scenario: the load stops writing new messages, its unanswered webhooks are resent
 * until answered or given up, and then the suite waits (bounded) until everything acknowledged is in
 * a transcript and every reply arrived, no provider send has come for a quiet while, and the settle
 * time after the last disruption has passed (a reply a dead instance left is taken over after its
 * idle time, so a late double shows up). Then it counts.
 */
final class Drain {
    private Drain() {}

    static Tally run(TestBed bed, long settleUntilNanos, ScenarioResult r) throws Exception {
        Options o = bed.options;
        long started = System.nanoTime();
        bed.load.stop();
        if (!bed.load.awaitSettled(o.integer("give-up") + o.integer("webhook-timeout") + 30L)) {
            r.notes.add("the load's last webhooks were still unanswered when its wait ran out");
        }
        List<Conversation> conversations = bed.load.conversations();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.integer("drain"));
        long quiet = TimeUnit.SECONDS.toNanos(o.integer("quiet"));
        try (RespClient redis = new RespClient(bed.redis.port())) {
            Accounting accounting = new Accounting(redis, bed.twilioLog, bed.telegramLog);
            while (true) {
                Tally t = accounting.count(conversations, false);
                long now = System.nanoTime();
                long lastSend = Math.max(bed.twilioLog.lastNanos(), bed.telegramLog.lastNanos());
                boolean done = t.complete() && now - lastSend >= quiet && now >= settleUntilNanos;
                if (done || now >= deadline) {
                    if (!done) r.notes.add("the drain ended at its limit (--drain " + o.integer("drain") + " s) with messages or replies still missing");
                    r.notes.add(String.format("drain took %d s", TimeUnit.NANOSECONDS.toSeconds(now - started)));
                    return accounting.count(conversations, true);
                }
                Thread.sleep(2000);
            }
        }
    }
}
