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
 * What coordinators and admins keep in the console: the workers (admins add and remove them), the
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
    private final IdSource ids = IdSource.random();

    AdminRoutes(Vertx vertx, Workers workers, CannedReplies canned, AuditLog audit, Clock clock, List<String> lines) {
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
                            .put("roleLabel", w.role().dutch()).put("lines", new JsonArray(List.copyOf(w.lines()))));
                }
                return new JsonObject().put("workers", out);
            });
        });
        signed.add(router.post("/console/api/workers")::handler, (ctx, s) -> {
            require(s, Role.ADMIN, "Alleen beheerders voegen medewerkers toe.");
            JsonObject b = ConsoleApi.body(ctx);
            String name;
            try {
                name = WorkerName.check(b.getValue("name") instanceof String n ? n : null);
            } catch (IllegalArgumentException e) {
                throw new ConsoleAuth.Refused(400, "name", "Naam: " + dutchName(e.getMessage()));
            }
            Role role = b.getValue("role") instanceof String r ? Role.fromId(r) : null;
            if (role == null) throw new ConsoleAuth.Refused(400, "role", "Kies een rol: vrijwilliger, medewerker, coördinator of beheerder.");
            Set<String> chosen = new LinkedHashSet<>();
            if (b.getValue("lines") instanceof JsonArray a) {
                for (Object o : a) {
                    if (!(o instanceof String l) || !lines.contains(l)) {
                        throw new ConsoleAuth.Refused(400, "lines", "Onbekende lijn: " + o);
                    }
                    chosen.add(l);
                }
            }
            if (chosen.isEmpty() && !role.supervises()) {
                throw new ConsoleAuth.Refused(400, "lines", "Kies de lijnen waarvan deze medewerker de wachtrijen bedient.");
            }
            String password = b.getValue("password") instanceof String p ? p : null;
            String refusal = Passwords.refusal(password, name);
            if (refusal != null) throw new ConsoleAuth.Refused(400, "password", refusal);
            String id = ids.next('w');
            return Passwords.hash(vertx, password)
                    .compose(hash -> workers.add(new Worker(id, name, role, chosen, hash, clock.instant())))
                    .compose(v -> audit.record(new AuditLog.Entry(clock.instant(), s.worker().id(), "add_worker", id)))
                    .map(v -> new JsonObject().put("id", id).put("name", name));
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
            if (!s.worker().serves(line) && !s.worker().role().supervises()) {
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
