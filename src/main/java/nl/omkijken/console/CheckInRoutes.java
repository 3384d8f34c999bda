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
            return circle.participants().all().compose(all -> circle.days().day(day).map(days -> view(day, today, all, days)));
        });
        signed.add(router.post("/console/api/checkins/:id/safe")::handler, (ctx, s) -> {
            ParticipantRoutes.require(s);
            if (circle.safe() == null) {
                throw new ConsoleAuth.Refused(409, "no_daily_calls", "De dagelijkse belronde staat uit: er loopt geen ladder om te stoppen.");
            }
            String note = ConsoleApi.body(ctx).getString("note", "").strip();
            if (note.isEmpty()) throw new FieldErrors(Map.of("note", "Schrijf erbij hoe u weet dat alles goed is."));
            if (note.length() > NOTE_MAX) throw new FieldErrors(Map.of("note", "Houd het kort: hoogstens " + NOTE_MAX + " tekens."));
            String id = ctx.pathParam("id");
            return circle.safe().markSafe(id, s.worker().name(), note).compose(p -> {
                if (p == null) throw new ConsoleAuth.Refused(404, "not_found", "Deze deelnemer bestaat niet (meer).");
                return audit.record(new AuditLog.Entry(clock.instant(), s.worker().id(), "mark_safe", id));
            }).map(v -> new JsonObject().put("ok", true));
        });
    }

    /**
     * Everyone with a step that day (also when removed since), and for today and later days everyone due then
     * (their days, active); a past day without a step for someone is not made up from today's enrolment.
     */
    private static JsonObject view(LocalDate day, LocalDate today, List<Participant> all, Map<String, List<CheckInLog.Entry>> days) {
        JsonArray out = new JsonArray();
        List<String> shown = new ArrayList<>();
        for (Participant p : all) {
            List<CheckInLog.Entry> entries = days.getOrDefault(p.id(), List.of());
            boolean due = !day.isBefore(today) && p.active() && p.days().contains(day.getDayOfWeek());
            if (!due && entries.isEmpty()) continue;
            shown.add(p.id());
            out.add(row(p.id(), p.name(), p.circle(), p.callFrom() + "–" + p.callUntil(), entries, p));
        }
        days.forEach((id, entries) -> {
            if (!shown.contains(id)) out.add(row(id, null, "", "", entries, null));
        });
        return new JsonObject().put("day", day.toString()).put("today", day.equals(today)).put("participants", out);
    }

    private static JsonObject row(String id, String name, String circle, String window, List<CheckInLog.Entry> entries, Participant p) {
        JsonArray steps = new JsonArray();
        for (CheckInLog.Entry e : entries) {
            steps.add(new JsonObject().put("at", ZonedDateTime.ofInstant(e.at(), CallPlan.ZONE).format(TIME)).put("step", e.step().name().toLowerCase())
                    .put("text", p == null ? e.step().name().toLowerCase() : CheckInHistory.line(p, e)));
        }
        CheckInState state = CheckInState.of(entries);
        return new JsonObject().put("id", id).put("name", name).put("circle", circle).put("window", window)
                .put("state", state.id()).put("settled", state == CheckInState.SAFE || state == CheckInState.REACHED || state == CheckInState.AWAY)
                .put("steps", steps);
    }
}
