package nl.omkijken.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.omkijken.people.IdSource;
import nl.omkijken.shifts.Shift;
import nl.omkijken.shifts.Shifts;

/**
 * The roster: every worker sees the planned shifts of the lines they serve; coordinators plan and remove
 * them. Times are Dutch time (Europe/Amsterdam); every change is in the audit log.
 */
final class ShiftRoutes {
    /** The longest stretch one request shows. */
    static final int MAX_DAYS = 62;

    private final Shifts shifts;
    private final Workers workers;
    private final AuditLog audit;
    private final Clock clock;
    private final List<String> lines;
    private final IdSource ids = IdSource.random();

    ShiftRoutes(Shifts shifts, Workers workers, AuditLog audit, Clock clock, List<String> lines) {
        this.shifts = shifts;
        this.workers = workers;
        this.audit = audit;
        this.clock = clock;
        this.lines = List.copyOf(lines);
    }

    void mount(Router router, ConsoleApi.SignedRoute signed) {
        signed.add(router.get("/console/api/shifts")::handler, (ctx, s) -> {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ShiftForm.ZONE);
            LocalDate from;
            int days;
            try {
                String f = ctx.request().getParam("from");
                from = f == null || f.isBlank() ? today : LocalDate.parse(f);
                String d = ctx.request().getParam("days");
                days = d == null || d.isBlank() ? 14 : Integer.parseInt(d);
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new ConsoleAuth.Refused(400, "invalid", "Geef from als jjjj-mm-dd en days als een getal.");
            }
            if (days < 1 || days > MAX_DAYS) throw new ConsoleAuth.Refused(400, "invalid", "days: 1 tot " + MAX_DAYS + ".");
            // Shifts are kept 90 days and planned a year ahead: outside that there is nothing to show.
            if (from.isBefore(today.minusDays(Shifts.KEPT.toDays())) || from.isAfter(today.plusYears(1))) {
                throw new ConsoleAuth.Refused(400, "invalid", "from: van 90 dagen terug tot een jaar vooruit.");
            }
            Instant start = from.atStartOfDay(ShiftForm.ZONE).toInstant();
            Instant end = from.plusDays(days).atStartOfDay(ShiftForm.ZONE).toInstant();
            return shifts.between(start, end, clock.instant()).compose(found -> workers.all().map(all -> {
                Map<String, Worker> byId = new HashMap<>();
                for (Worker w : all) byId.put(w.id(), w);
                Worker me = s.worker();
                JsonArray out = new JsonArray();
                for (Shift sh : found) {
                    if (!me.servesAnyOf(sh.line()) && !me.id().equals(sh.workerId())) continue;
                    out.add(json(sh, byId.get(sh.workerId())));
                }
                return new JsonObject().put("from", from.toString()).put("days", days).put("shifts", out)
                        .put("now", clock.instant().toString());
            }));
        });
        signed.add(router.post("/console/api/shifts")::handler, (ctx, s) -> {
            require(s);
            JsonObject b = ConsoleApi.body(ctx);
            String workerId = b.getValue("worker") instanceof String w && w.matches("[A-Za-z0-9_-]{1,40}") ? w : null;
            Future<Worker> worker = workerId == null ? Future.succeededFuture(null) : workers.byId(workerId);
            return worker.compose(w -> {
                Map<String, String> errors = WorkerForm.errors();
                Shift shift = ShiftForm.read(b, ids.next('s'), w, lines, clock.instant(), errors);
                if (shift != null && !AdminRoutes.withinTheirLines(s.worker(), java.util.Set.of(shift.line()))) {
                    errors.put("line", "U plant alleen diensten op de lijnen die u zelf bedient.");
                }
                WorkerForm.failIfAny(errors);
                return shifts.add(shift).compose(other -> {
                    if (other != null) {
                        return shifts.byId(other).compose(o -> Future.failedFuture(new FieldErrors(Map.of("from", w.name()
                                + " heeft dan al een dienst" + (o == null ? "" : " (" + span(o) + ")") + "."))));
                    }
                    return audit.record(new AuditLog.Entry(clock.instant(), s.worker().id(), "add_shift", shift.id()))
                            .map(v -> json(shift, w));
                });
            });
        });
        signed.add(router.post("/console/api/shifts/:id/delete")::handler, (ctx, s) -> {
            require(s);
            String id = ctx.pathParam("id");
            return shifts.byId(id).compose(sh -> {
                if (sh != null && !AdminRoutes.withinTheirLines(s.worker(), java.util.Set.of(sh.line()))) {
                    throw new ConsoleAuth.Refused(403, "not_your_queue", "Deze dienst hoort bij een lijn die u niet bedient.");
                }
                return shifts.remove(id);
            }).compose(found -> {
                if (!found) throw new ConsoleAuth.Refused(404, "not_found", "Deze dienst bestaat niet (meer).");
                return audit.record(new AuditLog.Entry(clock.instant(), s.worker().id(), "delete_shift", id));
            }).map(v -> new JsonObject().put("ok", true));
        });
    }

    private static void require(ConsoleAuth.Signed s) {
        if (!s.worker().role().supervises()) {
            throw new ConsoleAuth.Refused(403, "role", "Alleen coördinatoren en beheerders plannen diensten.");
        }
    }

    /** A shift as the console shows it: its times also as Dutch date and clock times. */
    static JsonObject json(Shift sh, Worker w) {
        ZonedDateTime start = sh.start().atZone(ShiftForm.ZONE);
        ZonedDateTime end = sh.end().atZone(ShiftForm.ZONE);
        return new JsonObject().put("id", sh.id()).put("line", sh.line())
                .put("worker", new JsonObject().put("id", sh.workerId()).put("name", w == null ? "?" : w.name()))
                .put("start", sh.start().toString()).put("end", sh.end().toString())
                .put("date", start.toLocalDate().toString()).put("from", start.toLocalTime().toString())
                .put("to", end.toLocalDate().equals(start.toLocalDate()) || end.toLocalTime().toSecondOfDay() != 0
                        ? end.toLocalTime().toString() : "24:00")
                .put("nextDay", end.toLocalDate().isAfter(start.toLocalDate()) && end.toLocalTime().toSecondOfDay() != 0);
    }

    private static String span(Shift sh) {
        JsonObject j = json(sh, null);
        return j.getString("date") + " " + j.getString("from") + "-" + j.getString("to");
    }
}
