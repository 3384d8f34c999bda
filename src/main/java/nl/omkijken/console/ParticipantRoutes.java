package nl.omkijken.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import nl.omkijken.circle.Participant;
import nl.omkijken.circle.Participants;
import nl.omkijken.people.IdSource;

/**
 * The Telefooncirkel's participants in the console: coordinators (and admins) who serve the Telefooncirkel
 * enrol, change, pause and remove them; every change is in the audit log (by id, never a name or number).
 */
final class ParticipantRoutes {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ParticipantRoutes.class);
    static final String LINE = Participants.LINE;
    /** The longest absence staff set, and how far ahead it may start: a year; longer is pausing the participant. */
    static final int MAX_ABSENCE_DAYS = 366;

    private final Participants participants;
    private final nl.omkijken.circle.Absences absences;
    private final CirclePorts circle;
    private final AuditLog audit;
    private final Clock clock;
    private final int callsPerSecond;
    private final java.util.function.Function<Participant, Future<Void>> saved;
    private final IdSource ids = IdSource.random();

    /** @param circle the participants, their absences and days, the chains; told of every enrolment and change */
    ParticipantRoutes(CirclePorts circle, AuditLog audit, Clock clock, int callsPerSecond) {
        this.circle = circle;
        this.participants = circle.participants();
        this.absences = circle.absences();
        this.audit = audit;
        this.clock = clock;
        this.callsPerSecond = callsPerSecond;
        this.saved = circle.saved();
    }

    void mount(Router router, ConsoleApi.SignedRoute signed) {
        signed.add(router.get("/console/api/participants")::handler, (ctx, s) -> {
            require(s);
            return participants.all().compose(all -> absences.all().map(away -> {
                JsonArray out = new JsonArray();
                LocalDate today = today();
                for (Participant p : all) {
                    JsonObject o = ParticipantForm.json(p);
                    nl.omkijken.circle.Absence a = away.get(p.id());
                    // One that is over is history: not shown, the calls go on.
                    if (a != null && !a.until().isBefore(today)) {
                        o.put("absence", new JsonObject().put("from", a.from().toString()).put("until", a.until().toString()).put("by", a.by()));
                    }
                    out.add(o);
                }
                return new JsonObject().put("participants", out);
            }));
        });
        signed.add(router.post("/console/api/participants")::handler, (ctx, s) -> {
            require(s);
            JsonObject b = ConsoleApi.body(ctx);
            Map<String, String> errors = WorkerForm.errors();
            Participant p = ParticipantForm.read(b, ids.next('p'), clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), today(), errors);
            WorkerForm.failIfAny(errors);
            return save(p, s, "enrol_participant");
        });
        signed.add(router.post("/console/api/participants/:id")::handler, (ctx, s) -> {
            require(s);
            JsonObject b = ConsoleApi.body(ctx);
            String id = ctx.pathParam("id");
            return participants.byId(id).compose(before -> {
                if (before == null) throw new ConsoleAuth.Refused(404, "not_found", "Deze deelnemer bestaat niet (meer).");
                Map<String, String> errors = WorkerForm.errors();
                Participant p = ParticipantForm.read(b, id, before.enrolledAt(), today(), errors);
                WorkerForm.failIfAny(errors);
                return save(p, s, "change_participant");
            });
        });
        // Away for some days (set by staff): the calls pause without an alarm and resume by themselves.
        signed.add(router.post("/console/api/participants/:id/absence")::handler, (ctx, s) -> {
            require(s);
            JsonObject b = ConsoleApi.body(ctx);
            String id = ctx.pathParam("id");
            Map<String, String> errors = WorkerForm.errors();
            LocalDate today = today();
            LocalDate from = date(b, "awayFrom", errors);
            LocalDate until = date(b, "awayUntil", errors);
            if (from != null && until != null) {
                if (until.isBefore(from)) errors.put("awayUntil", "De laatste dag ligt voor de eerste.");
                else if (until.isBefore(today)) errors.put("awayUntil", "Deze afwezigheid is al voorbij.");
                else if (until.isAfter(from.plusDays(MAX_ABSENCE_DAYS)) || from.isAfter(today.plusDays(MAX_ABSENCE_DAYS))) {
                    errors.put("awayUntil", "Hoogstens een jaar vooruit; pauzeer de deelnemer voor langer.");
                }
            }
            WorkerForm.failIfAny(errors);
            return participants.byId(id).compose(p -> {
                if (p == null) throw new ConsoleAuth.Refused(404, "not_found", "Deze deelnemer bestaat niet (meer).");
                return absences.set(id, new nl.omkijken.circle.Absence(from, until, s.worker().name(), clock.instant()))
                        .compose(v -> audit.record(new AuditLog.Entry(clock.instant(), s.worker().id(), "set_absence", id)))
                        .map(v -> new JsonObject().put("from", from.toString()).put("until", until.toString()));
            });
        });
        signed.add(router.post("/console/api/participants/:id/absence/delete")::handler, (ctx, s) -> {
            require(s);
            String id = ctx.pathParam("id");
            return participants.byId(id).compose(p -> {
                if (p == null) throw new ConsoleAuth.Refused(404, "not_found", "Deze deelnemer bestaat niet (meer).");
                return absences.clear(id)
                        .compose(v -> audit.record(new AuditLog.Entry(clock.instant(), s.worker().id(), "clear_absence", id)))
                        // Back today: today's call, when its window is still open.
                        .compose(v -> saved.apply(p).otherwiseEmpty())
                        .map(v -> new JsonObject().put("ok", true));
            });
        });
        signed.add(router.post("/console/api/participants/:id/delete")::handler, (ctx, s) -> {
            require(s);
            String id = ctx.pathParam("id");
            return participants.remove(id).compose(found -> {
                if (!found) throw new ConsoleAuth.Refused(404, "not_found", "Deze deelnemer bestaat niet (meer).");
                // Nothing of theirs stays: their days in the Belronde's history, their place in a chain. Each is tried
                // apart, and a failure is said in the log: the removal itself stands, and is audited.
                Future<Void> erased = circle.days().erase(id, today()).<Void>mapEmpty()
                        .onFailure(e -> LOG.error("removed participant's days not erased participant={} error={}", id, e.getClass().getSimpleName()))
                        .otherwiseEmpty();
                Future<Void> unchained = outOfChains(id)
                        .onFailure(e -> LOG.error("removed participant not taken out of their chain participant={} error={}", id,
                                e.getClass().getSimpleName()))
                        .otherwiseEmpty();
                return Future.join(erased, unchained)
                        .compose(v -> audit.recordDone(new AuditLog.Entry(clock.instant(), s.worker().id(), "remove_participant", id)));
            }).map(v -> new JsonObject().put("ok", true));
        });
    }

    /**
     * A removed participant out of their chain, and the others' day planned again (their places moved); a chain left
     * with one member is no chain: it goes, and that one is called by the service again.
     */
    private Future<Void> outOfChains(String id) {
        return circle.chains().all().compose(chains -> {
            Future<Void> all = Future.succeededFuture();
            for (nl.omkijken.circle.Chain c : chains) {
                if (!c.members().contains(id)) continue;
                java.util.List<String> left = new java.util.ArrayList<>(c.members());
                left.remove(id);
                all = all.compose(v -> left.size() < 2 ? circle.chains().remove(c.name()).mapEmpty()
                                : circle.chains().save(new nl.omkijken.circle.Chain(c.name(), c.start(), c.link(), left)))
                        .compose(v -> ChainRoutes.replan(circle, left));
            }
            return all;
        });
    }

    private Future<JsonObject> save(Participant p, ConsoleAuth.Signed s, String action) {
        return fits(p).compose(v -> participants.save(p)).recover(e -> e instanceof Participants.PhoneTaken taken
                        ? participants.byId(taken.otherId).compose(other -> Future.failedFuture(new FieldErrors(Map.of("phone",
                                "Dit nummer hoort al bij " + (other == null ? "een andere deelnemer" : other.name()) + "."))))
                        : Future.failedFuture(e))
                .compose(v -> audit.record(new AuditLog.Entry(clock.instant(), s.worker().id(), action, p.id())))
                // Today's call as the new details say; a failure here costs today's replanning, not the save.
                .compose(v -> saved.apply(p).otherwiseEmpty())
                .map(v -> ParticipantForm.json(p));
    }

    /**
     * Whether the participant's daily call still fits their window on each of their days, with everyone else
     * enrolled, at the account's calls-per-second limit: told now, not found out on the day.
     */
    private Future<Void> fits(Participant p) {
        if (!p.active()) return Future.succeededFuture();
        return participants.all().compose(all -> {
            java.util.List<Participant> with = new java.util.ArrayList<>();
            for (Participant o : all) if (!o.id().equals(p.id())) with.add(o);
            with.add(p);
            LocalDate next = today();
            for (int i = 0; i < 7; i++, next = next.plusDays(1)) {
                if (!p.days().contains(next.getDayOfWeek())) continue;
                if (nl.omkijken.circle.CallPlan.of(with, next, callsPerSecond, x -> false).notFitting().contains(p.id())) {
                    String day = next.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.forLanguageTag("nl"));
                    return Future.failedFuture(new FieldErrors(Map.of("until", "Op " + day + " is er in dit belmoment geen plek meer: er"
                            + " worden dan al zoveel mensen gebeld als de telefoonlijn aankan (" + callsPerSecond + " per seconde)."
                            + " Kies een ruimer of ander moment.")));
                }
            }
            return Future.succeededFuture();
        });
    }

    /** A day as the console's date field sends it (yyyy-mm-dd). */
    private static LocalDate date(JsonObject b, String field, Map<String, String> errors) {
        try {
            if (b.getValue(field) instanceof String v && !v.isBlank()) return LocalDate.parse(v.strip());
        } catch (java.time.format.DateTimeParseException e) {
            // said below
        }
        errors.put(field, "Kies een dag.");
        return null;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ShiftForm.ZONE);
    }

    static void require(ConsoleAuth.Signed s) {
        if (!s.worker().role().supervises()) {
            throw new ConsoleAuth.Refused(403, "role", "Alleen coördinatoren en beheerders beheren de deelnemers.");
        }
        if (!AdminRoutes.withinTheirLines(s.worker(), java.util.Set.of(LINE))) {
            throw new ConsoleAuth.Refused(403, "not_your_queue", "De deelnemers horen bij de Telefooncirkel, die u niet bedient.");
        }
    }
}
