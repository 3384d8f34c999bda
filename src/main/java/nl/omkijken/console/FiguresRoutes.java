package nl.omkijken.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.omkijken.runner.DailyFigures;
import nl.omkijken.runner.DailyFigures.Count;

/**
 * Figures for coordinators, per line and day (Dutch time): how many asked for a person, how many a worker
 * took over and how long they waited (p50, p95), how many left before anyone came, and what became of
 * call-backs; as JSON for the console's chart and as CSV (semicolons, as Dutch spreadsheets read it).
 */
final class FiguresRoutes {
    static final int MAX_DAYS = 92;

    private final DailyFigures figures;
    private final nl.omkijken.runner.CallFigures calls;
    private final java.util.function.Predicate<String> holdsCalls;
    private final Clock clock;
    private final List<String> lines;

    FiguresRoutes(DailyFigures figures, nl.omkijken.runner.CallFigures calls, java.util.function.Predicate<String> holdsCalls,
                  Clock clock, List<String> lines) {
        this.figures = figures;
        this.calls = calls;
        this.holdsCalls = holdsCalls;
        this.clock = clock;
        this.lines = List.copyOf(lines);
    }

    void mount(Router router, ConsoleApi.SignedRoute signed) {
        signed.add(router.get("/console/api/figures")::handler, (ctx, s) -> {
            Asked a = asked(ctx, s);
            return figures.days(a.line, a.from, a.days).map(days -> {
                JsonArray out = new JsonArray();
                for (DailyFigures.Day d : days) out.add(json(d));
                return new JsonObject().put("line", a.line).put("from", a.from.toString()).put("days", out)
                        .put("referrals", referralTotals(days));
            });
        });
        // The calls that waited on the line (a line that holds calls): per day, and per hour of the stretch.
        signed.add(router.get("/console/api/figures/calls")::handler, (ctx, s) -> {
            Asked a = asked(ctx, s);
            if (!holdsCalls.test(a.line)) {
                return io.vertx.core.Future.succeededFuture(new JsonObject().put("line", a.line).put("holdsCalls", false));
            }
            return calls.days(a.line, a.from, a.days).map(days -> callsJson(a, days));
        });
        signed.add(router.get("/console/api/figures.csv")::handler, (ctx, s) -> {
            Asked a = asked(ctx, s);
            return figures.days(a.line, a.from, a.days).map(days -> {
                // A column per referral said in the stretch (the organisation's own ids, dialogs/referrals.yaml).
                List<String> referrals = new ArrayList<>(referralTotals(days).fieldNames());
                StringBuilder csv = new StringBuilder("datum;gevraagd;overgenomen;weggegaan_voor_er_iemand_was;"
                        + "wachttijd_p50_seconden;wachttijd_p95_seconden;teruggebeld_bereikt;teruggebeld_niet_bereikt;"
                        + "teruggebeld_opgegeven;terugbellen_klaar_p50_minuten;terugbellen_klaar_p95_minuten");
                for (String r : referrals) csv.append(";doorverwezen_").append(r);
                csv.append("\r\n");
                for (DailyFigures.Day d : days) {
                    csv.append(d.date()).append(';').append(d.count(Count.ASKED)).append(';').append(d.count(Count.TAKEN))
                            .append(';').append(d.count(Count.LEFT)).append(';').append(percentile(d.waitSeconds(), 0.5, ""))
                            .append(';').append(percentile(d.waitSeconds(), 0.95, "")).append(';')
                            .append(d.count(Count.CALLBACK_REACHED)).append(';').append(d.count(Count.CALLBACK_NOT_REACHED))
                            .append(';').append(d.count(Count.CALLBACK_GAVE_UP)).append(';').append(minutes(d.callbackSeconds(), 0.5))
                            .append(';').append(minutes(d.callbackSeconds(), 0.95));
                    for (String r : referrals) csv.append(';').append(d.referrals().getOrDefault(r, 0L));
                    csv.append("\r\n");
                }
                String file = "omkijken-" + a.line + "-" + a.from + "-" + a.from.plusDays(a.days - 1L) + ".csv";
                ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8").putHeader("Cache-Control", "no-store")
                        .putHeader("Content-Disposition", "attachment; filename=\"" + file + "\"").end(csv.toString());
                return "";
            });
        });
    }

    private record Asked(String line, LocalDate from, int days) {}

    /** The line (one the coordinator serves) and the stretch: the last {@code days} days up to today. */
    private Asked asked(RoutingContext ctx, ConsoleAuth.Signed s) {
        if (!s.worker().role().supervises()) {
            throw new ConsoleAuth.Refused(403, "role", "Alleen coördinatoren en beheerders zien de cijfers.");
        }
        String line = ctx.request().getParam("line");
        if (line == null || !lines.contains(line)) throw new ConsoleAuth.Refused(400, "line", "Kies een lijn.");
        if (!AdminRoutes.withinTheirLines(s.worker(), java.util.Set.of(line))) {
            throw new ConsoleAuth.Refused(403, "not_your_queue", "U bedient deze lijn niet.");
        }
        int days;
        try {
            String d = ctx.request().getParam("days");
            days = d == null || d.isBlank() ? 14 : Integer.parseInt(d);
        } catch (NumberFormatException e) {
            days = -1;
        }
        if (days < 1 || days > MAX_DAYS) throw new ConsoleAuth.Refused(400, "invalid", "days: 1 tot " + MAX_DAYS + ".");
        LocalDate today = LocalDate.ofInstant(clock.instant(), ShiftForm.ZONE);
        return new Asked(line, today.minusDays(days - 1L), days);
    }

    /** Each day's calls (offered, answered, abandoned, waits and talks), and the stretch's calls by hour of the day. */
    static JsonObject callsJson(Asked a, List<nl.omkijken.runner.CallFigures.Day> days) {
        JsonArray out = new JsonArray();
        long[][] hours = new long[3][24];
        nl.omkijken.runner.CallFigures.Kind[] kinds = {nl.omkijken.runner.CallFigures.Kind.OFFERED,
                nl.omkijken.runner.CallFigures.Kind.ANSWERED, nl.omkijken.runner.CallFigures.Kind.ABANDONED};
        for (nl.omkijken.runner.CallFigures.Day d : days) {
            JsonObject o = new JsonObject().put("date", d.date().toString()).put("offered", d.count(kinds[0]))
                    .put("answered", d.count(kinds[1])).put("abandoned", d.count(kinds[2]));
            if (!d.waitSeconds().isEmpty()) {
                o.put("waitP50", Long.valueOf(percentile(d.waitSeconds(), 0.5, ""))).put("waitP95", Long.valueOf(percentile(d.waitSeconds(), 0.95, "")));
            }
            if (!d.talkSeconds().isEmpty()) {
                o.put("talkP50", Long.valueOf(percentile(d.talkSeconds(), 0.5, ""))).put("talkP95", Long.valueOf(percentile(d.talkSeconds(), 0.95, "")));
            }
            out.add(o);
            for (int k = 0; k < 3; k++) for (int h = 0; h < 24; h++) hours[k][h] += d.count(kinds[k], h);
        }
        JsonArray byHour = new JsonArray();
        for (int h = 0; h < 24; h++) {
            byHour.add(new JsonObject().put("hour", h).put("offered", hours[0][h]).put("answered", hours[1][h]).put("abandoned", hours[2][h]));
        }
        return new JsonObject().put("line", a.line).put("holdsCalls", true).put("from", a.from.toString()).put("days", out)
                .put("hours", byHour);
    }

    /** Per referral, how often it was said in the stretch, most first (ties by id). */
    static JsonObject referralTotals(List<DailyFigures.Day> days) {
        java.util.Map<String, Long> totals = new java.util.TreeMap<>();
        for (DailyFigures.Day d : days) d.referrals().forEach((r, n) -> totals.merge(r, n, Long::sum));
        JsonObject out = new JsonObject();
        totals.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static JsonObject json(DailyFigures.Day d) {
        JsonObject o = new JsonObject().put("date", d.date().toString()).put("asked", d.count(Count.ASKED))
                .put("taken", d.count(Count.TAKEN)).put("left", d.count(Count.LEFT))
                .put("callbacksReached", d.count(Count.CALLBACK_REACHED)).put("callbacksNotReached", d.count(Count.CALLBACK_NOT_REACHED))
                .put("callbacksGaveUp", d.count(Count.CALLBACK_GAVE_UP));
        if (!d.callbackSeconds().isEmpty()) {
            o.put("callbackP50", Long.valueOf(percentile(d.callbackSeconds(), 0.5, ""))).put("callbackP95", Long.valueOf(percentile(d.callbackSeconds(), 0.95, "")));
        }
        if (!d.waitSeconds().isEmpty()) {
            o.put("waitP50", Long.valueOf(percentile(d.waitSeconds(), 0.5, ""))).put("waitP95", Long.valueOf(percentile(d.waitSeconds(), 0.95, "")));
        }
        JsonObject referred = new JsonObject();
        d.referrals().forEach(referred::put);
        return o.put("referrals", referred);
    }

    /** A percentile of call-back times in whole minutes (rounded up: "within 3 minutes"); empty when there are none. */
    private static String minutes(List<Long> seconds, double q) {
        String s = percentile(seconds, q, "");
        return s.isEmpty() ? "" : String.valueOf((Long.parseLong(s) + 59) / 60);
    }

    /** The nearest-rank percentile of the waits, in seconds; {@code none} when there are none. */
    static String percentile(List<Long> waits, double q, String none) {
        if (waits.isEmpty()) return none;
        List<Long> sorted = new ArrayList<>(waits);
        sorted.sort(null);
        int rank = (int) Math.ceil(q * sorted.size());
        return String.valueOf(sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1)));
    }
}
