package nl.omkijken.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.omkijken.circle.CallPlan;
import nl.omkijken.circle.Chain;
import nl.omkijken.circle.Chains;
import nl.omkijken.circle.Participant;

/**
 * The Telefooncirkel's chains in the console (coordinators and admins who serve it, as for the participants): a
 * circle whose members call each other in a fixed order, with the service as the safety net ({@link Chain}). Saving
 * or removing a chain plans its members' day anew (a member taken out is called by the service again); every change
 * is in the audit log, by the circle's name.
 */
final class ChainRoutes {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChainRoutes.class);
    private final CirclePorts circle;
    private final AuditLog audit;
    private final Clock clock;

    ChainRoutes(CirclePorts circle, AuditLog audit, Clock clock) {
        this.circle = circle;
        this.audit = audit;
        this.clock = clock;
    }

    void mount(Router router, ConsoleApi.SignedRoute signed) {
        // The chains, and the circles participants are in (to make a chain of).
        signed.add(router.get("/console/api/chains")::handler, (ctx, s) -> {
            ParticipantRoutes.require(s);
            return circle.chains().all().compose(chains -> circle.participants().all().map(everyone -> {
                Map<String, Participant> byId = byId(everyone);
                JsonArray out = new JsonArray();
                for (Chain c : chains) out.add(ChainForm.json(c, byId, today()));
                Map<String, String> circles = new TreeMap<>();
                for (Participant p : everyone) if (!p.circle().isBlank()) circles.putIfAbsent(Chain.key(p.circle()), p.circle());
                return new JsonObject().put("chains", out).put("circles", new JsonArray(new ArrayList<>(circles.values())));
            }));
        });
        signed.add(router.post("/console/api/chains")::handler, (ctx, s) -> {
            ParticipantRoutes.require(s);
            JsonObject b = ConsoleApi.body(ctx);
            return circle.chains().all().compose(chains -> circle.participants().all().compose(everyone -> {
                Map<String, String> errors = WorkerForm.errors();
                Chain chain = ChainForm.read(b, everyone, chains, today(), errors);
                WorkerForm.failIfAny(errors);
                Chain before = chains.stream().filter(c -> Chain.key(c.name()).equals(Chain.key(chain.name()))).findFirst().orElse(null);
                // The day planned anew before anything else can fail: a member is never left with neither call nor link.
                return circle.chains().save(chain)
                        .compose(v -> replan(before, chain))
                        .compose(v -> audited(s, before == null ? "create_chain" : "change_chain", chain.name()))
                        .map(v -> ChainForm.json(chain, byId(everyone), today()));
            }));
        });
        signed.add(router.post("/console/api/chains/delete")::handler, (ctx, s) -> {
            ParticipantRoutes.require(s);
            Object name = ConsoleApi.body(ctx).getValue("name");
            if (!(name instanceof String n) || n.isBlank()) throw new FieldErrors(Map.of("name", "Welke keten?"));
            return circle.chains().all().compose(chains -> {
                Chain before = chains.stream().filter(c -> Chain.key(c.name()).equals(Chain.key(n))).findFirst().orElse(null);
                if (before == null) throw new ConsoleAuth.Refused(404, "not_found", "Deze keten bestaat niet (meer).");
                return circle.chains().remove(n)
                        .compose(v -> replan(before, null))
                        .compose(v -> audited(s, "remove_chain", n))
                        .map(v -> new JsonObject().put("ok", true));
            });
        });
    }

    /**
     * Today's plan for the chain after (one member's replan plans the whole chain's links) and for each member taken
     * out (the service's call again).
     */
    private Future<Void> replan(Chain before, Chain after) {
        List<String> touched = new ArrayList<>();
        if (after != null && !after.members().isEmpty()) touched.add(after.members().get(0));
        if (before != null) for (String id : before.members()) if (after == null || !after.members().contains(id)) touched.add(id);
        return replan(circle, touched);
    }

    /** Each of these participants' day planned anew; a failure is logged and costs that one's replanning, not the rest. */
    static Future<Void> replan(CirclePorts circle, List<String> ids) {
        Future<Void> all = Future.succeededFuture();
        for (String id : ids) {
            all = all.compose(v -> circle.participants().byId(id)).compose(p -> p == null ? Future.<Void>succeededFuture()
                    : circle.saved().apply(p).onFailure(e -> LOG.error("today's plan not made anew participant={} error={}", id,
                            e.getClass().getSimpleName())).otherwiseEmpty());
        }
        return all;
    }

    /** Audited by the circle's key; an audit log that cannot be written costs its line, not the change (as elsewhere). */
    private Future<Void> audited(ConsoleAuth.Signed s, String action, String name) {
        return audit.recordDone(new AuditLog.Entry(clock.instant(), s.worker().id(), action, Chain.key(name)));
    }

    private static Map<String, Participant> byId(List<Participant> everyone) {
        Map<String, Participant> out = new java.util.HashMap<>();
        for (Participant p : everyone) out.put(p.id(), p);
        return out;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), CallPlan.ZONE);
    }
}
