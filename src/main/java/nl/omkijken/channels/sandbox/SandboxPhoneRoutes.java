package nl.omkijken.channels.sandbox;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import nl.omkijken.channels.CallFlow;
import nl.omkijken.channels.checkin.DialogContactAlert;
import nl.omkijken.channels.http.BoundedBody;
import nl.omkijken.circle.ContactSteps;
import nl.omkijken.circle.Participant;
import nl.omkijken.circle.Participants;
import nl.omkijken.people.People;

/**
 * The phone simulator's JSON API for the Telefooncirkel's outgoing calls ({@link SandboxPhone}):
 * <ul>
 *   <li>{@code GET /sandbox/api/phone}: the latest calls and text messages the check-in made, newest first;</li>
 *   <li>{@code POST /sandbox/api/phone/calls/:id/answer}: pick up; the answer is what the phone says, as for a call
 *       placed in the simulator, on the call's conversation ({@code conversationId}), where the keys go on;</li>
 *   <li>{@code POST /sandbox/api/phone/calls/:id/miss} {@code {"why": "no-answer"|"busy"|"machine"|"failed"}}: as
 *       Twilio's status callback for a call that reached nobody;</li>
 *   <li>{@code POST /sandbox/api/phone/calls/:id/hangup}: hang up an answered call (before the check-in had its
 *       answer, the participant counts as not reached).</li>
 * </ul>
 */
final class SandboxPhoneRoutes {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SandboxPhoneRoutes.class);
    private final SandboxPhone phone;
    private final Participants participants;
    private final People people;
    private final CallFlow flow;
    private final SandboxRoutes.Responder respond;
    private final io.vertx.core.Vertx vertx;
    /** How long an answered call may stay open without a hang-up from the page (closed mid-call, say). */
    static final java.time.Duration IN_CALL = java.time.Duration.ofMinutes(15);

    SandboxPhoneRoutes(SandboxPhone phone, Participants participants, People people, CallFlow flow,
                       SandboxRoutes.Responder respond, io.vertx.core.Vertx vertx) {
        this.vertx = vertx;
        this.phone = phone;
        this.participants = participants;
        this.people = people;
        this.flow = flow;
        this.respond = respond;
    }

    void mount(Router router) {
        router.get("/sandbox/api/phone").handler(this::latest);
        router.post("/sandbox/api/phone/calls/:id/answer").handler(this::answer);
        router.post("/sandbox/api/phone/calls/:id/miss").handler(this::miss);
        router.post("/sandbox/api/phone/calls/:id/hangup").handler(this::hangUp);
    }

    private void latest(RoutingContext ctx) {
        respond.to(ctx, () -> {
            JsonArray calls = new JsonArray();
            for (SandboxPhone.Sent s : phone.latest()) calls.add(new JsonObject(SandboxPhone.json(s)));
            return Future.succeededFuture(new JsonObject().put("calls", calls));
        });
    }

    private static String callId(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (id == null || !id.matches("sandbox-call-[0-9]{1,12}-[0-9]{1,18}")) throw new ApiError(400, "not a call id of the phone simulator");
        return id;
    }

    /**
     * Picked up: the daily call's check-in greets the participant by name, in their language (and the day is
     * settled, as when Twilio brings an answered call); a contact person's call asks them about the participant.
     */
    private void answer(RoutingContext ctx) {
        respond.to(ctx, () -> {
            String id = callId(ctx);
            SandboxPhone.Sent call = phone.answer(id);
            if (call == null) throw new ApiError(409, "this call is not ringing (any more)");
            // A call left open (the page closed mid-call, or the answer failed) ends as a real line would.
            vertx.setTimer(IN_CALL.toMillis(), t -> end(id).onFailure(e -> LOG.warn("sandbox call not ended call={} error={}", id,
                    e.getClass().getSimpleName())));
            return participants.byId(call.participantId()).compose(p -> people.resolve(SandboxRoutes.address(call.conversation()))
                    .compose(known -> {
                        // Removed since the call was placed, or the number is no longer theirs: the line's own welcome,
                        // as on the real phone.
                        if (p == null || call.role() == null && !SandboxPhone.callConversation(p.phone()).equals(call.conversation())) {
                            return flow.answer(known, SandboxSender.CHANNEL, Participants.LINE, null, Map.of());
                        }
                        if (call.role() == null) {
                            return phone.reached(call).compose(v -> flow.answer(known, SandboxSender.CHANNEL, Participants.LINE,
                                    p.language(), Map.of("first_name", p.firstName())));
                        }
                        Participant.Person who = ContactSteps.person(p, call.role());
                        if (who == null || !SandboxPhone.callConversation(who.phone()).equals(call.conversation())) return flow.answer(known, SandboxSender.CHANNEL, Participants.LINE, null, Map.of());
                        return flow.answer(known, SandboxSender.CHANNEL, Participants.LINE, p.language(),
                                DialogContactAlert.fields(p, who), DialogContactAlert.DIALOG);
                    })).map(said -> SandboxRoutes.callJson(call.conversation(), said).put("callId", id));
        });
    }

    private void miss(RoutingContext ctx) {
        respond.to(ctx, () -> {
            String id = callId(ctx);
            JsonObject body = SandboxRequests.body(BoundedBody.of(ctx));
            Object why = body.getValue("why");
            if (!(why instanceof String w) || !SandboxPhone.MISSES.contains(w)) {
                throw new ApiError(400, "'why' is one of no-answer, busy, machine, failed");
            }
            return phone.miss(id, w).map(v -> new JsonObject().put("callId", id).put("state", w));
        });
    }

    /** Hung up on a question: the conversation ends as left; a daily call's participant was not reached after all. */
    private void hangUp(RoutingContext ctx) {
        respond.to(ctx, () -> {
            String id = callId(ctx);
            Future<Boolean> ended = end(id);
            return ended.map(was -> {
                if (!was) throw new ApiError(409, "this call is not in progress: answer it first");
                return new JsonObject().put("callId", id).put("state", "ended");
            });
        });
    }

    /** Ends an answered call, as a hang-up; false when it was not in progress (ended already, or never answered). */
    private Future<Boolean> end(String id) {
        SandboxPhone.Sent call = phone.end(id);
        if (call == null) return Future.succeededFuture(false);
        return people.find(SandboxRoutes.address(call.conversation()))
                .compose(known -> known == null ? Future.succeededFuture(null) : flow.ended(known))
                .compose(r -> r != null && "abandoned".equals(r.session().outcome()) ? phone.hungUp(call) : Future.<Void>succeededFuture())
                .map(v -> true);
    }
}
