package nl.omkijken.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nl.omkijken.people.IdSource;

/**
 * What coordinators and admins keep in the console: the workers (coordinators add and change volunteers
 * and staff: queues, capacity, languages, switched off; admins every worker, and remove them), the
 * canned replies of each line (coordinators), and the audit log (coordinators read it). Every change is
 * in the audit log.
 */
final class AdminRoutes {
    private final Vertx vertx;
    private final Workers workers;
    private final CannedReplies canned;
    private final AuditLog audit;
    private final Clock clock;
    private final List<String> lines;
    private final nl.omkijken.routing.Routing routing;
    private final IdSource ids = IdSource.random();

    AdminRoutes(Vertx vertx, Workers workers, CannedReplies canned, AuditLog audit, Clock clock, List<String> lines,
                nl.omkijken.routing.Routing routing) {
        this.routing = routing;
        this.vertx = vertx;
        this.workers = workers;
        this.canned = canned;
        this.audit = audit;
        this.clock = clock;
        this.lines = lines;
    }

    void mount(Router router, ConsoleApi.SignedRoute signed) {
        signed.add(router.get("/console/api/workers")::handler, (ctx, s) -> {
            require(s, Role.COORDINATOR, "Alleen coördinatoren en beheerders zien de medewerkers.");
            return workers.all().map(all -> {
                JsonArray out = new JsonArray();
                for (Worker w : all) {
                    out.add(new JsonObject().put("id", w.id()).put("name", w.name()).put("role", w.role().id())
                            .put("roleLabel", w.role().dutch()).put("lines", new JsonArray(List.copyOf(w.lines())))
                            .put("capacity", w.capacity()).put("languages", new JsonArray(List.copyOf(w.languages())))
                            .put("active", w.active())
                            .put("manageable", manages(s.worker(), w.role()) && withinTheirLines(s.worker(), w.lines())));
                }
                JsonObject queues = new JsonObject();
                for (String q : queues()) queues.put(q, queueName(q));
                return new JsonObject().put("workers", out).put("queues", queues);
            });
        });
        signed.add(router.post("/console/api/workers")::handler, (ctx, s) -> {
            require(s, Role.COORDINATOR, "Alleen coördinatoren en beheerders voegen medewerkers toe.");
            JsonObject b = ConsoleApi.body(ctx);
            java.util.Map<String, String> errors = WorkerForm.errors();
            String name = null;
            try {
                name = WorkerName.check(b.getValue("name") instanceof String n ? n : null);
            } catch (IllegalArgumentException e) {
                errors.put("name", "Naam: " + dutchName(e.getMessage()));
            }
            WorkerForm.Profile p = WorkerForm.profile(b, null, queues(), errors);
            if (!withinTheirLines(s.worker(), p.queues())) {
                errors.put("lines", "U kunt alleen wachtrijen geven van de lijnen die u zelf bedient.");
            }
            if (p.role() != null && !manages(s.worker(), p.role())) {
                errors.put("role", "Een coördinator voegt vrijwilligers en medewerkers toe; een beheerder ook coördinatoren en beheerders.");
            }
            String password = b.getValue("password") instanceof String pw ? pw : null;
            String refusal = Passwords.refusal(password, name == null ? "" : name);
            if (refusal != null) errors.put("password", refusal);
            WorkerForm.failIfAny(errors);
            String id = ids.next('w');
            String named = name;
            return Passwords.hash(vertx, password)
                    .compose(hash -> workers.add(new Worker(id, named, p.role(), p.queues(), hash, clock.instant(), p.capacity(),
                            p.languages(), p.active())))
                    .compose(v -> audit.record(new AuditLog.Entry(clock.instant(), s.worker().id(), "add_worker", id)))
                    .map(v -> new JsonObject().put("id", id).put("name", named));
        });
        signed.add(router.post("/console/api/workers/:id")::handler, (ctx, s) -> {
            require(s, Role.COORDINATOR, "Alleen coördinatoren en beheerders wijzigen medewerkers.");
            JsonObject b = ConsoleApi.body(ctx);
            String id = ctx.pathParam("id");
            return workers.byId(id).compose(current -> {
                if (current == null) throw new ConsoleAuth.Refused(404, "not_found", "Deze medewerker bestaat niet (meer).");
                if (!manages(s.worker(), current.role())) {
                    throw new ConsoleAuth.Refused(403, "role", "Een coördinator wijzigt vrijwilligers en medewerkers; vraag een beheerder.");
                }
                if (!withinTheirLines(s.worker(), current.lines())) {
                    throw new ConsoleAuth.Refused(403, "not_your_queue", "Deze medewerker werkt (ook) op een lijn die u niet bedient.");
                }
                java.util.Map<String, String> errors = WorkerForm.errors();
                WorkerForm.Profile p = WorkerForm.profile(b, current, queues(), errors);
                if (!withinTheirLines(s.worker(), p.queues())) {
                    errors.put("lines", "U kunt alleen wachtrijen geven van de lijnen die u zelf bedient.");
                }
                if (p.role() != null && !manages(s.worker(), p.role())) {
                    errors.put("role", "Een coördinator maakt iemand vrijwilliger of medewerker; een beheerder ook coördinator of beheerder.");
                }
                boolean self = id.equals(s.worker().id());
                if (self && p.role() != current.role()) errors.put("role", "U kunt uw eigen rol niet wijzigen; vraag een andere beheerder.");
                if (self && !p.active()) errors.put("active", "U kunt uw eigen account niet uitzetten.");
                WorkerForm.failIfAny(errors);
                Worker changed = current.withProfile(p.role(), p.queues(), p.capacity(), p.languages(), p.active());
                return workers.update(changed).compose(found -> {
                    if (!found) throw new ConsoleAuth.Refused(404, "not_found", "Deze medewerker bestaat niet (meer).");
                    String what = current.active() && !changed.active() ? "deactivate_worker"
                            : !current.active() && changed.active() ? "activate_worker" : "change_worker";
                    return audit.record(new AuditLog.Entry(clock.instant(), s.worker().id(), what, id));
                }).map(v -> new JsonObject().put("ok", true));
            });
        });
        signed.add(router.post("/console/api/workers/:id/remove")::handler, (ctx, s) -> {
            require(s, Role.ADMIN, "Alleen beheerders verwijderen medewerkers.");
            String id = ctx.pathParam("id");
            if (id.equals(s.worker().id())) {
                throw new ConsoleAuth.Refused(409, "self", "U kunt uzelf niet verwijderen; vraag een andere beheerder.");
            }
            return workers.remove(id).compose(found -> {
                if (!found) throw new ConsoleAuth.Refused(404, "not_found", "Deze medewerker bestaat niet (meer).");
                return audit.record(new AuditLog.Entry(clock.instant(), s.worker().id(), "remove_worker", id));
            }).map(v -> new JsonObject().put("ok", true));
        });

        signed.add(router.get("/console/api/canned")::handler, (ctx, s) -> {
            String line = ctx.request().getParam("line");
            if (line == null || !lines.contains(line)) throw new ConsoleAuth.Refused(400, "line", "Kies een lijn.");
            if (!s.worker().servesAnyOf(line) && !s.worker().role().supervises()) {
                throw new ConsoleAuth.Refused(403, "not_your_queue", "U bedient deze lijn niet.");
            }
            return canned.of(line).map(all -> {
                JsonArray out = new JsonArray();
                for (CannedReplies.Canned c : all) {
                    out.add(new JsonObject().put("id", c.id()).put("line", c.line()).put("title", c.title())
                            .put("nl", c.nl()).put("en", c.en()));
                }
                return new JsonObject().put("replies", out);
            });
        });
        signed.add(router.post("/console/api/canned")::handler, (ctx, s) -> {
            require(s, Role.COORDINATOR, "Alleen coördinatoren en beheerders beheren standaardantwoorden.");
            JsonObject b = ConsoleApi.body(ctx);
            String line = b.getValue("line") instanceof String l && lines.contains(l) ? l : null;
            if (line == null) throw new ConsoleAuth.Refused(400, "line", "Kies een lijn.");
            String title = text(b, "title", CannedReplies.MAX_TITLE, "Geef het antwoord een korte titel");
            String nl = text(b, "nl", CannedReplies.MAX_TEXT, "Schrijf de Nederlandse tekst");
            String en = text(b, "en", CannedReplies.MAX_TEXT, "Schrijf de Engelse tekst");
            String id = b.getValue("id") instanceof String given && given.matches("[a-z0-9]{1,40}") ? given : ids.next('r');
            return canned.put(new CannedReplies.Canned(id, line, title, nl, en))
                    .compose(v -> audit.record(new AuditLog.Entry(clock.instant(), s.worker().id(), "save_canned", line + ":" + id)))
                    .map(v -> new JsonObject().put("id", id));
        });
        signed.add(router.post("/console/api/canned/:line/:id/delete")::handler, (ctx, s) -> {
            require(s, Role.COORDINATOR, "Alleen coördinatoren en beheerders beheren standaardantwoorden.");
            String line = ctx.pathParam("line");
            String id = ctx.pathParam("id");
            return canned.delete(line, id).compose(found -> {
                if (!found) throw new ConsoleAuth.Refused(404, "not_found", "Dit standaardantwoord bestaat niet (meer).");
                return audit.record(new AuditLog.Entry(clock.instant(), s.worker().id(), "delete_canned", line + ":" + id));
            }).map(v -> new JsonObject().put("ok", true));
        });

        signed.add(router.get("/console/api/audit")::handler, (ctx, s) -> {
            require(s, Role.COORDINATOR, "Alleen coördinatoren en beheerders lezen het auditlog.");
            return audit.record(new AuditLog.Entry(clock.instant(), s.worker().id(), "read_audit", ""))
                    .compose(v -> audit.latest(200)).map(entries -> {
                        JsonArray out = new JsonArray();
                        for (AuditLog.Entry e : entries) {
                            out.add(new JsonObject().put("at", e.at().toString()).put("worker", e.workerId())
                                    .put("action", e.action()).put("target", e.target()));
                        }
                        return new JsonObject().put("entries", out);
                    });
        });
    }

    /** An admin manages every worker; a coordinator manages volunteers and staff (not their peers or admins). */
    static boolean manages(Worker me, Role role) {
        return me.role() == Role.ADMIN || (me.role() == Role.COORDINATOR && !role.atLeast(Role.COORDINATOR));
    }

    /**
     * A coordinator of some lines manages workers of those lines only (they could otherwise make an
     * account for a line they do not serve and read its conversations); one without lines, and an admin,
     * every line. A worker without lines (a coordinator's or admin's "every line") is an admin's to manage.
     */
    static boolean withinTheirLines(Worker me, java.util.Set<String> queues) {
        if (me.role() == Role.ADMIN || me.lines().isEmpty()) return true;
        if (queues.isEmpty()) return false;
        for (String q : queues) if (!me.serves(q)) return false;
        return true;
    }

    /** The queues a worker may serve: every line, and every part's queue (a stadsdeel of the helpdesk). */
    private java.util.Set<String> queues() {
        java.util.Set<String> all = new java.util.LinkedHashSet<>(lines);
        all.addAll(routing.partQueues().keySet());
        return all;
    }

    private String queueName(String queue) {
        String part = routing.partQueues().get(queue);
        return part == null ? queue : part;
    }

    private static void require(ConsoleAuth.Signed s, Role role, String refusal) {
        if (!s.worker().role().atLeast(role)) throw new ConsoleAuth.Refused(403, "role", refusal);
    }

    private static String text(JsonObject b, String field, int max, String missing) {
        String t = b.getValue(field) instanceof String v ? v.strip() : null;
        if (t == null || t.isEmpty()) throw new ConsoleAuth.Refused(400, field, missing + ".");
        if (t.length() > max) throw new ConsoleAuth.Refused(400, field, "Hoogstens " + max + " tekens.");
        return t;
    }

    private static String dutchName(String reason) {
        if (reason.contains("needs a name")) return "vul een naam in.";
        if (reason.contains("at most")) return "hoogstens " + WorkerName.MAX + " tekens.";
        return "geen < > of stuurtekens.";
    }
}
