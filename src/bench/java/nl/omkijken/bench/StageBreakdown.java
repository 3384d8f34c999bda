package nl.omkijken.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a reply's time goes: reads the service's own stage timers from /metrics before and after a
 * run and reports, per stage, the messages of that run, their mean, and the bucket that holds the
 * 99th percentile (the buckets are the fixed ones of the service's LatencyBuckets).
 */
final class StageBreakdown {
    /** The stages of the reply path, in order, with what they cover. */
    static final Map<String, String> STAGES = new LinkedHashMap<>();

    static {
        STAGES.put("omk_inbound_wait_seconds", "accepted -> turn starts");
        STAGES.put("omk_turn_seconds", "turn (lock, load, NLU, engine, commit, unlock)");
        STAGES.put("omk_outbox_wait_seconds", "reply created -> send starts");
        STAGES.put("omk_send_seconds", "send through the Twilio SDK");
    }

    /** Per stage: cumulative count, sum (seconds) and bucket counts (le seconds -> cumulative count). */
    record Snapshot(Map<String, Double> counts, Map<String, Double> sums, Map<String, TreeMap<Double, Double>> buckets) {}

    static Snapshot read(String base) throws IOException, InterruptedException {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> counts = new TreeMap<>();
        Map<String, Double> sums = new TreeMap<>();
        Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) continue;
            for (String stage : STAGES.keySet()) {
                if (!line.startsWith(stage + "_")) continue;
                int space = line.lastIndexOf(' ');
                double value = Double.parseDouble(line.substring(space + 1));
                String name = line.substring(0, line.indexOf('{') > 0 ? line.indexOf('{') : space);
                if (name.equals(stage + "_count")) counts.merge(stage, value, Double::sum);
                else if (name.equals(stage + "_sum")) sums.merge(stage, value, Double::sum);
                else if (name.equals(stage + "_bucket")) {
                    int le = line.indexOf("le=\"");
                    String bound = line.substring(le + 4, line.indexOf('"', le + 4));
                    double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
                    buckets.computeIfAbsent(stage, k -> new TreeMap<>()).merge(upper, value, Double::sum);
                }
            }
        }
        return new Snapshot(counts, sums, buckets);
    }

    /** One line per stage for the messages between two snapshots. */
    static String between(Snapshot before, Snapshot after) {
        StringBuilder sb = new StringBuilder("| stage | what | count | mean | p99 within | share over 25 ms |\n|---|---|---|---|---|---|\n");
        for (Map.Entry<String, String> stage : STAGES.entrySet()) {
            String s = stage.getKey();
            double n = after.counts().getOrDefault(s, 0.0) - before.counts().getOrDefault(s, 0.0);
            double sum = after.sums().getOrDefault(s, 0.0) - before.sums().getOrDefault(s, 0.0);
            if (n <= 0) {
                sb.append(String.format("| %s | %s | 0 | - | - | - |%n", s, stage.getValue()));
                continue;
            }
            TreeMap<Double, Double> b = after.buckets().getOrDefault(s, new TreeMap<>());
            TreeMap<Double, Double> a = before.buckets().getOrDefault(s, new TreeMap<>());
            String p99 = "-";
            double under25 = 0;
            for (Map.Entry<Double, Double> e : b.entrySet()) {
                double c = e.getValue() - a.getOrDefault(e.getKey(), 0.0);
                if (e.getKey() == 0.025) under25 = c;
                if (p99.equals("-") && c >= 0.99 * n) p99 = e.getKey().isInfinite() ? "> 5 s" : "<= " + ms(e.getKey());
            }
            sb.append(String.format("| %s | %s | %.0f | %.2f ms | %s | %.2f %% |%n", s, stage.getValue(), n, sum / n * 1000,
                    p99, 100.0 * (n - under25) / n));
        }
        return sb.toString();
    }

    private static String ms(double seconds) {
        double ms = seconds * 1000;
        return ms == Math.rint(ms) ? String.format("%.0f ms", ms) : String.format("%.1f ms", ms);
    }

    private StageBreakdown() {}
}
