package nl.omkijken.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.omkijken.circle.CallPlan;
import nl.omkijken.circle.CheckInHistory;
import nl.omkijken.circle.CheckInLog;
import nl.omkijken.circle.CheckInState;
import nl.omkijken.circle.Participant;

/**
 * The Telefooncirkel's day in the console: every participant due today with where their check-in stands and
 * each step of the ladder so far (the console asks again every few seconds), and "marked safe" by a
 * coordinator, which stops the ladder. Coordinators and admins who serve the Telefooncirkel, as for the
 * participants; marking safe is in the audit log (by id).
 */
final class CheckInRoutes {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    /** The longest stretch of days a report reads (about three months). */
    static final int MAX_DAYS = 92;
    /** A note says how the coordinator knows; a paragraph at most. */
    static final int NOTE_MAX = 500;

    private final CirclePorts circle;
    private final AuditLog audit;
    private final Clock clock;

    CheckInRoutes(CirclePorts circle, AuditLog audit, Clock clock) {
        this.circle = circle;
        this.audit = audit;
        this.clock = clock;
    }

    void mount(Router router, ConsoleApi.SignedRoute signed) {
        signed.add(router.get("/console/api/checkins")::handler, (ctx, s) -> {
            ParticipantRoutes.require(s);
            LocalDate today = LocalDate.ofInstant(clock.instant(), CallPlan.ZONE);
            String asked = ctx.queryParam("day").isEmpty() ? null : ctx.queryParam("day").get(0);
            LocalDate day;
            try {
                day = asked == null ? today : LocalDate.parse(asked);
            } catch (java.time.format.DateTimeParseException e) {
                throw new ConsoleAuth.Refused(400, "day", "Geef de dag als JJJJ-MM-DD.");
            }
            return circle.participants().all().compose(all -> circle.absences().all().compose(away -> circle.chains().all()
                    .compose(chains -> circle.days().day(day).map(days -> view(day, today, all, days, away, chains)))));
        });
        // The days before: per day how many were reached, marked safe, away, went to the coordinator or stayed open.
        signed.add(router.get("/console/api/checkins/days")::handler, (ctx, s) -> {
            ParticipantRoutes.require(s);
            LocalDate from = from(ctx);
            return days(from, days(ctx)).map(all -> {
                JsonArray out = new JsonArray();
                all.forEach((day, byParticipant) -> {
                    Map<CheckInState, Integer> counts = new java.util.EnumMap<>(CheckInState.class);
                    long callbacks = 0;
                    List<Long> minutes = new ArrayList<>();
                    for (List<CheckInLog.Entry> entries : byParticipant.values()) {
                        counts.merge(CheckInState.of(entries), 1, Integer::sum);
                        callbacks += count(entries, CheckInLog.Step.CALLBACK_ASKED);
                        for (String m : handled(entries)) if (!m.isEmpty()) minutes.add(Long.parseLong(m));
                    }
                    java.util.Collections.sort(minutes);
                    out.add(new JsonObject().put("date", day.toString()).put("reached", counts.getOrDefault(CheckInState.REACHED, 0))
                            .put("safe", counts.getOrDefault(CheckInState.SAFE, 0)).put("away", counts.getOrDefault(CheckInState.AWAY, 0))
                            .put("escalated", counts.getOrDefault(CheckInState.COORDINATOR, 0))
                            .put("open", counts.getOrDefault(CheckInState.CALLING, 0) + counts.getOrDefault(CheckInState.TEXTED, 0)
                                    + counts.getOrDefault(CheckInState.CONTACT, 0))
                            // The participants' own call-back requests, how many a worker took on, and the median minutes it took.
                            .put("callbacks", callbacks).put("callbacksTaken", minutes.size())
                            .put("callbackMinutesP50", minutes.isEmpty() ? null : minutes.get((minutes.size() - 1) / 2)));
                });
                return new JsonObject().put("days", out);
            });
        });
        // Per day and participant, for the coordinator's own spreadsheet (semicolons, as Dutch spreadsheets read it).
        signed.add(router.get("/console/api/checkins.csv")::handler, (ctx, s) -> {
            ParticipantRoutes.require(s);
            LocalDate from = from(ctx);
            int n = days(ctx);
            return circle.participants().all().compose(all -> days(from, n).map(days -> {
                Map<String, Participant> byId = new java.util.HashMap<>();
                for (Participant p : all) byId.put(p.id(), p);
                StringBuilder csv = new StringBuilder("datum;deelnemer;naam;kring;uitkomst;eerste_oproep;bereikt_om;oproepen;"
                        + "sms;contactpersonen_gevraagd;coordinator_gewaarschuwd;terugbelverzoeken;opgepakt;minuten_tot_opgepakt\r\n");
                days.forEach((day, byParticipant) -> byParticipant.forEach((id, entries) -> {
                    Participant p = byId.get(id);
                    csv.append(day).append(';').append(id).append(';').append(cell(p == null ? "" : p.name())).append(';')
                            .append(cell(p == null ? "" : p.circle())).append(';').append(CheckInState.of(entries).id()).append(';')
                            .append(firstAt(entries, CheckInLog.Step.CALLED)).append(';').append(settledAt(entries)).append(';')
                            .append(count(entries, CheckInLog.Step.CALLED)).append(';').append(count(entries, CheckInLog.Step.TEXTED) > 0 ? "ja" : "nee")
                            .append(';').append(count(entries, CheckInLog.Step.ASKED)).append(';')
                            .append(count(entries, CheckInLog.Step.COORDINATOR) > 0 ? "ja" : "nee").append(';')
                            .append(count(entries, CheckInLog.Step.CALLBACK_ASKED)).append(';')
                            .append(handled(entries).size()).append(';')
                            .append(handled(entries).stream().findFirst().orElse("")).append("\r\n");
                }));
                String file = "omkijken-belronde-" + from + "-" + from.plusDays(n - 1L) + ".csv";
                ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8").putHeader("Cache-Control", "no-store")
                        .putHeader("Content-Disposition", "attachment; filename=\"" + file + "\"").end(csv.toString());
                return "";
            }));
        });
        signed.add(router.post("/console/api/checkins/:id/safe")::handler, (ctx, s) -> {
            ParticipantRoutes.require(s);
            if (circle.safe() == null) {
                throw new ConsoleAuth.Refused(409, "no_daily_calls", "De dagelijkse belronde staat uit: er loopt geen ladder om te stoppen.");
            }
            Object raw = ConsoleApi.body(ctx).getValue("note");
            if (raw != null && !(raw instanceof String)) throw new FieldErrors(Map.of("note", "Schrijf het als tekst."));
            // One line in the day's history: line breaks and other control characters become spaces.
            String note = raw == null ? "" : ((String) raw).replaceAll("\\p{Cntrl}", " ").replaceAll("\\s{2,}", " ").strip();
            if (note.isEmpty()) throw new FieldErrors(Map.of("note", "Schrijf erbij hoe u weet dat alles goed is."));
            if (note.length() > NOTE_MAX) throw new FieldErrors(Map.of("note", "Houd het kort: hoogstens " + NOTE_MAX + " tekens."));
            String id = ctx.pathParam("id");
            return circle.safe().markSafe(id, s.worker().name(), note).compose(p -> {
                if (p == null) throw new ConsoleAuth.Refused(404, "not_found", "Deze deelnemer bestaat niet (meer).");
                return audit.record(new AuditLog.Entry(clock.instant(), s.worker().id(), "mark_safe", id));
            }).map(v -> new JsonObject().put("ok", true));
        });
    }

    /** The last {@code days} days up to today (Dutch time), {@code ?days=} 1 to {@link #MAX_DAYS}, 14 when not given. */
    private static int days(io.vertx.ext.web.RoutingContext ctx) {
        String d = ctx.request().getParam("days");
        int days;
        try {
            days = d == null || d.isBlank() ? 14 : Integer.parseInt(d.strip());
        } catch (NumberFormatException e) {
            days = -1;
        }
        if (days < 1 || days > MAX_DAYS) throw new ConsoleAuth.Refused(400, "invalid", "days: 1 tot " + MAX_DAYS + ".");
        return days;
    }

    private LocalDate from(io.vertx.ext.web.RoutingContext ctx) {
        return LocalDate.ofInstant(clock.instant(), CallPlan.ZONE).minusDays(days(ctx) - 1L);
    }

    /** The days from {@code from}, oldest first, each with its participants' steps. */
    private Future<Map<LocalDate, Map<String, List<CheckInLog.Entry>>>> days(LocalDate from, int n) {
        List<Future<Map<String, List<CheckInLog.Entry>>>> each = new ArrayList<>();
        for (int i = 0; i < n; i++) each.add(circle.days().day(from.plusDays(i)));
        return Future.all(each).map(done -> {
            Map<LocalDate, Map<String, List<CheckInLog.Entry>>> out = new java.util.LinkedHashMap<>();
            for (int i = 0; i < n; i++) out.put(from.plusDays(i), each.get(i).result());
            return out;
        });
    }

    private static long count(List<CheckInLog.Entry> entries, CheckInLog.Step step) {
        return entries.stream().filter(e -> e.step() == step).count();
    }

    /**
     * For each call-back request of the day that a worker took on, the minutes it took from the request, in order. Once per
     * request: a call-back task is taken before its call is reported, and what the call brought (reached, not reached,
     * given up) is its outcome, in the day's steps, not a second taking on.
     */
    private static List<String> handled(List<CheckInLog.Entry> entries) {
        List<String> out = new ArrayList<>();
        for (CheckInLog.Entry e : entries) {
            String[] d = e.detail().split("\\|", 2);
            if (e.step() == CheckInLog.Step.CALLBACK_HANDLED && d[0].equals("taken")) out.add(d.length > 1 ? d[1] : "");
        }
        return out;
    }

    private static String firstAt(List<CheckInLog.Entry> entries, CheckInLog.Step step) {
        return entries.stream().filter(e -> e.step() == step).findFirst()
                .map(e -> ZonedDateTime.ofInstant(e.at(), CallPlan.ZONE).format(TIME)).orElse("");
    }

    /** When the day was settled: answered, wrote back, a contact said all is well, or marked safe. */
    private static String settledAt(List<CheckInLog.Entry> entries) {
        for (CheckInLog.Entry e : entries) {
            if (e.step() == CheckInLog.Step.ANSWERED || e.step() == CheckInLog.Step.TEXT_ANSWERED || e.step() == CheckInLog.Step.CONFIRMED
                    || e.step() == CheckInLog.Step.SAFE_BY_CONTACT || e.step() == CheckInLog.Step.MARKED_SAFE) {
                return ZonedDateTime.ofInstant(e.at(), CallPlan.ZONE).format(TIME);
            }
        }
        return "";
    }

    /** A name as a CSV cell: no separator or line break inside, and nothing a spreadsheet would run as a formula. */
    static String cell(String v) {
        String s = v.replace(';', ',').replace('\r', ' ').replace('\n', ' ');
        return !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }

    /**
     * Everyone with a step that day (also when removed since), and for today and later days everyone due then
     * (their days, active); a past day without a step for someone is not made up from today's enrolment.
     */
    private static JsonObject view(LocalDate day, LocalDate today, List<Participant> all, Map<String, List<CheckInLog.Entry>> days,
                                   Map<String, nl.omkijken.circle.Absence> away, List<nl.omkijken.circle.Chain> chains) {
        JsonArray out = new JsonArray();
        List<String> shown = new ArrayList<>();
        // A chain member's place that day, and by when the service must have heard from them.
        Map<String, Participant> byId = new java.util.HashMap<>();
        for (Participant p : all) byId.put(p.id(), p);
        Map<String, JsonObject> links = new java.util.HashMap<>();
        for (nl.omkijken.circle.Chain c : chains) {
            List<Participant> members = nl.omkijken.circle.Chains.onDay(c, byId, day);
            for (int i = 0; i < members.size(); i++) {
                links.put(members.get(i).id(), new JsonObject().put("name", c.name()).put("place", i + 1)
                        .put("deadline", ZonedDateTime.ofInstant(c.deadline(day, i), CallPlan.ZONE).format(TIME)));
            }
        }
        for (Participant p : all) {
            List<CheckInLog.Entry> entries = days.getOrDefault(p.id(), List.of());
            boolean due = !day.isBefore(today) && p.active() && p.days().contains(day.getDayOfWeek());
            if (!due && entries.isEmpty()) continue;
            shown.add(p.id());
            JsonObject r = row(p.id(), p.name(), p.circle(), p.callFrom() + "–" + p.callUntil(), entries, p);
            if (links.containsKey(p.id())) r.put("chain", links.get(p.id()));
            // Away by staff's word, and nothing happened yet: not called that day, no alarm.
            nl.omkijken.circle.Absence a = away.get(p.id());
            // (A call-back asked for that day is beside the ladder: it does not make an absent participant "planned".)
            boolean ladder = entries.stream().anyMatch(e -> e.step() != CheckInLog.Step.CALLBACK_ASKED && e.step() != CheckInLog.Step.CALLBACK_HANDLED);
            if (!ladder && a != null && a.covers(day)) r.put("state", CheckInState.AWAY.id()).put("settled", true);
            out.add(r);
        }
        days.forEach((id, entries) -> {
            if (!shown.contains(id)) out.add(row(id, null, "", "", entries, null));
        });
        return new JsonObject().put("day", day.toString()).put("today", day.equals(today)).put("participants", out);
    }

    private static JsonObject row(String id, String name, String circle, String window, List<CheckInLog.Entry> entries, Participant p) {
        JsonArray steps = new JsonArray();
        for (CheckInLog.Entry e : entries) {
            // The Dutch line as the coordinator's task has it, and its parts for the console to say it in English.
            String[] d = e.detail().split("\\|", 2);
            JsonObject step = new JsonObject().put("at", ZonedDateTime.ofInstant(e.at(), CallPlan.ZONE).format(TIME))
                    .put("step", e.step().name().toLowerCase()).put("text", p == null ? e.step().name().toLowerCase() : CheckInHistory.line(p, e))
                    .put("detail", d[0]).put("more", d.length > 1 ? d[1] : "");
            Participant.Person who = p == null ? null : nl.omkijken.circle.ContactSteps.person(p, d[0]);
            if (who != null && (d[0].equals(nl.omkijken.circle.ContactSteps.CONTACT) || d[0].equals(nl.omkijken.circle.ContactSteps.KEY_HOLDER))) {
                step.put("who", who.name());
            }
            steps.add(step);
        }
        CheckInState state = CheckInState.of(entries);
        return new JsonObject().put("id", id).put("name", name).put("circle", circle).put("window", window)
                .put("state", state.id()).put("settled", state == CheckInState.SAFE || state == CheckInState.REACHED || state == CheckInState.AWAY)
                .put("steps", steps);
    }
}
