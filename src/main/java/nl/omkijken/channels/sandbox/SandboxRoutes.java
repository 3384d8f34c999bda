package nl.omkijken.channels.sandbox;

import nl.omkijken.people.Address;
import nl.omkijken.people.People;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import nl.omkijken.channels.CallFlow;
import nl.omkijken.channels.http.BoundedBody;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import nl.omkijken.engine.Event;
import nl.omkijken.runner.Conversation;
import nl.omkijken.runner.Inbound;
import nl.omkijken.runner.TranscriptEntry;
import nl.omkijken.runner.TurnResult;
import nl.omkijken.runner.TurnRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox channel: a web chat and phone simulator at /sandbox and the JSON API it uses.
 * It goes through the same runner, store and outbox as the real channels.
 */
public final class SandboxRoutes {
    private static final Logger log = LoggerFactory.getLogger(SandboxRoutes.class);
    static final int MAX_BODY = 64 * 1024;

    private final TurnRunner runner;
    private final People people;
    private final Clock clock;
    private final List<String> lines;
    /** The phone simulator's calls; null when the dialogs have no phone texts (phone.yaml). */
    private final CallFlow calls;
    private final java.util.Set<String> callLines;
    /** A worker's take-over of a caller waiting on the line, simulated. */
    private final SandboxBridge bridge;

    /** What carries out a take-over of a waiting caller in the simulator. */
    SandboxBridge bridge() {
        return bridge;
    }
    private final SandboxPhone phone;
    private final nl.omkijken.circle.Participants participants;

    public SandboxRoutes(TurnRunner runner, People people, Clock clock) {
        this(runner, people, clock, java.util.Set.of("telefooncirkel"));
    }

    /** @param callLines the lines that answer calls, as on the real phone (TWILIO_VOICE_LINES) */
    public SandboxRoutes(TurnRunner runner, People people, Clock clock, java.util.Set<String> callLines) {
        this(runner, people, clock, callLines, null, null);
    }

    /**
     * With the Telefooncirkel's outgoing calls ringing in the simulator.
     *
     * @param phone        the simulator's calls, or null when the service places no calls here
     * @param participants whom they are to
     */
    SandboxRoutes(TurnRunner runner, People people, Clock clock, java.util.Set<String> callLines, SandboxPhone phone,
                  nl.omkijken.circle.Participants participants) {
        this.phone = phone;
        this.bridge = new SandboxBridge(runner);
        this.participants = participants;
        this.calls = runner.engine().dialogs().phone().present() ? new CallFlow(runner) : null;
        this.callLines = java.util.Set.copyOf(callLines);
        this.runner = runner;
        this.people = people;
        this.clock = clock;
        this.lines = runner.engine().dialogs().lines();
    }

    /**
     * A sandbox conversation's name (chosen by the browser) is its person's address on the sandbox
     * channel, like a phone number on SMS: the conversation behind it has an opaque id of its own.
     */
    static Address address(String id) { return new Address(SandboxSender.CHANNEL, id, id); }

    /** The stored conversation of a sandbox name, or null when it never wrote. */
    private Future<Conversation> existing(String id) {
        return people.find(address(id)).compose(known -> known == null ? Future.succeededFuture(null)
                : runner.store().load(known.conversationId()));
    }

    /** Runs a turn in the conversation of a sandbox name, made on its first turn. */
    private <T> Future<T> inConversation(String id, java.util.function.Function<People.Known, Future<T>> turn) {
        return people.resolve(address(id)).compose(turn::apply);
    }

    public void mount(Router router) {
        router.get("/sandbox").handler(ctx -> {
            // The route also matches "/sandbox/"; only the bare path is redirected.
            if (ctx.request().path().equals("/sandbox")) ctx.redirect("/sandbox/");
            else ctx.next();
        });
        router.route("/sandbox/api/*").handler(new BoundedBody(MAX_BODY));
        router.get("/sandbox/api/lines").handler(ctx -> json(ctx, 200, new JsonArray(lines)));
        router.post("/sandbox/api/conversations/:id/messages").handler(this::postMessage);
        router.get("/sandbox/api/conversations/:id/messages").handler(this::getMessages);
        router.get("/sandbox/api/conversations/:id").handler(this::getConversation);
        router.post("/sandbox/api/conversations/:id/checkin").handler(this::checkin);
        router.post("/sandbox/api/conversations/:id/language").handler(this::chooseLanguage);
        router.post("/sandbox/api/conversations/:id/call").handler(this::call);
        router.post("/sandbox/api/conversations/:id/call/heard").handler(this::heard);
        router.post("/sandbox/api/conversations/:id/call/wait").handler(this::waitTurn);
        router.post("/sandbox/api/conversations/:id/call/hangup").handler(this::hangUp);
        if (phone != null) {
            new SandboxPhoneRoutes(phone, participants, people, callFlow(), this::respond, phone.vertx()).mount(router);
        }
        router.route("/sandbox/api/*").handler(ctx -> json(ctx, 404, error("no such sandbox API endpoint")));
        router.route("/sandbox/*").handler(StaticHandler.create("webroot/sandbox").setCachingEnabled(false));
    }

    private void postMessage(RoutingContext ctx) {
        respond(ctx, () -> {
            String id = SandboxRequests.conversationId(ctx.pathParam("id"));
            JsonObject body = SandboxRequests.body(BoundedBody.of(ctx));
            String text = SandboxRequests.text(body);
            String language = SandboxRequests.language(body);
            return existing(id).compose(existing -> {
                String line = lineOf(id, body, existing);
                return inConversation(id, known -> runner.handle(new Inbound(known.conversationId(), SandboxSender.CHANNEL,
                        known.addressKey(), line, language, text, null, clock.instant())));
            }).map(r -> turnJson(id, r));
        });
    }

    /** A body that may be empty (the check-in and the call need nothing), else a JSON object. */
    private static JsonObject optionalBody(RoutingContext ctx) {
        Buffer raw = BoundedBody.of(ctx);
        return raw.length() == 0 ? new JsonObject() : SandboxRequests.body(raw);
    }

    /** The contact fields a check-in greets with: the first name, when the page gave one. */
    private static Map<String, String> contactFields(JsonObject body) {
        String firstName = SandboxRequests.firstName(body);
        return firstName == null ? Map.of() : Map.of("first_name", firstName);
    }

    private void checkin(RoutingContext ctx) {
        respond(ctx, () -> {
            String id = SandboxRequests.conversationId(ctx.pathParam("id"));
            JsonObject body = optionalBody(ctx);
            String language = SandboxRequests.language(body);
            Map<String, String> fields = contactFields(body);
            return existing(id).compose(existing -> {
                String line = lineOf(id, body, existing);
                return inConversation(id, known -> runner.begin(known.conversationId(), SandboxSender.CHANNEL,
                        known.addressKey(), line, language, fields, null));
            }).map(r -> turnJson(id, r));
        });
    }

    /**
     * The phone simulator places a call, as Twilio Voice would bring it: what the phone says (each text's
     * phone version), and whether it listens (for which keys) or hangs up. The call is the sandbox
     * conversation itself, its turns said instead of written (the transcript shows what was said).
     */
    private void call(RoutingContext ctx) {
        respond(ctx, () -> {
            CallFlow flow = callFlow();
            String id = SandboxRequests.conversationId(ctx.pathParam("id"));
            JsonObject body = optionalBody(ctx);
            String language = SandboxRequests.language(body);
            Map<String, String> fields = contactFields(body);
            return existing(id).compose(existing -> {
                String line = lineOf(id, body, existing);
                if (!callLines.contains(line)) return Future.succeededFuture(callJson(id, flow.notByPhone()));
                return inConversation(id, known -> flow.answer(known, SandboxSender.CHANNEL, line, language, fields))
                        .map(said -> callJson(id, said));
            });
        });
    }

    /**
     * What the caller keyed or said after a question ({@code answer}: keys or words; absent or null: they
     * stayed silent), with the {@code silences} the last answer of this API reported.
     */
    private void heard(RoutingContext ctx) {
        respond(ctx, () -> {
            CallFlow flow = callFlow();
            String id = SandboxRequests.conversationId(ctx.pathParam("id"));
            JsonObject body = SandboxRequests.body(BoundedBody.of(ctx));
            String answer = SandboxRequests.answer(body);
            int silences = SandboxRequests.silences(body);
            return existing(id).compose(existing -> {
                if (existing == null) throw new ApiError(404, "no call: place one first (POST .../call)");
                if (!callLines.contains(existing.session().line())) throw new ApiError(409, "this line does not answer calls");
                return inConversation(id, known -> flow.heard(known, SandboxSender.CHANNEL, existing.session().line(), answer,
                        silences, null, clock.instant())).map(said -> callJson(id, said));
            });
        });
    }

    /**
     * A caller waiting on the line: the wait's next turn, as Twilio asks it after each pause (the simulator asks every
     * few seconds). Where they stand; the offer of a way forward once the wait ran long (listening for its keys); put
     * through to the worker who took them (simulated: their name); or the end of the wait.
     */
    private void waitTurn(RoutingContext ctx) {
        respond(ctx, () -> {
            CallFlow flow = callFlow();
            String id = SandboxRequests.conversationId(ctx.pathParam("id"));
            return existing(id).compose(existing -> {
                if (existing == null) throw new ApiError(404, "no call: place one first (POST .../call)");
                String conversation = existing.id();
                String worker = bridge.workerOf(conversation);
                if (worker != null && existing.session().ownership() == nl.omkijken.engine.Ownership.AGENT) {
                    String language = existing.session().language();
                    return Future.succeededFuture(callJson(id, new CallFlow.Said(List.of(), language, null, true))
                            .put("connected", new JsonObject().put("worker", worker)));
                }
                return flow.waitTurn(conversation).compose(w -> w.leave()
                        ? flow.afterQueue(conversation).compose(said -> !said.ends() ? Future.succeededFuture(callJson(id, said))
                                // The wait ended the call (closed by a worker, the line closed on an urgent wait): as Twilio
                                // reports a call's end, so does the simulator; a simulated talk is over too.
                                : flow.ended(conversation).map(r -> {
                                    bridge.ended(conversation);
                                    return callJson(id, said);
                                }))
                        : Future.succeededFuture(callJson(id, new CallFlow.Said(w.texts(), existing.session().language(), null, true))));
            });
        });
    }

    /** The caller hung up (a call the simulator placed): a wait on the line ends, a question left open ends as left. */
    private void hangUp(RoutingContext ctx) {
        respond(ctx, () -> {
            CallFlow flow = callFlow();
            String id = SandboxRequests.conversationId(ctx.pathParam("id"));
            return existing(id).compose(existing -> {
                if (existing == null) return Future.succeededFuture(new JsonObject().put("conversationId", id).put("ended", true));
                bridge.ended(existing.id());
                return flow.ended(existing.id()).map(r -> new JsonObject().put("conversationId", id).put("ended", true));
            });
        });
    }

    private CallFlow callFlow() {
        if (calls == null) throw new ApiError(404, "the phone simulator needs the phone's texts (dialogs/phone.yaml)");
        return calls;
    }

    static JsonObject callJson(String id, CallFlow.Said said) {
        JsonArray texts = new JsonArray();
        for (CallFlow.Spoken t : said.texts()) texts.add(new JsonObject().put("language", t.language()).put("text", t.text()));
        JsonObject out = new JsonObject().put("conversationId", id).put("said", texts).put("language", said.language())
                .put("ended", said.ends()).put("hold", said.hold());
        if (said.listening() != null) {
            out.put("listening", new JsonObject().put("digits", new JsonArray(said.listening().digits()))
                    .put("labels", new JsonArray(said.listening().labels())).put("silences", said.listening().silences()));
        }
        return out;
    }

    /**
     * The language buttons: a running conversation goes on in the chosen language (the waiting question
     * is asked again in it); a conversation not started yet is left alone (its first message carries it).
     */
    private void chooseLanguage(RoutingContext ctx) {
        respond(ctx, () -> {
            String id = SandboxRequests.conversationId(ctx.pathParam("id"));
            JsonObject body = SandboxRequests.body(BoundedBody.of(ctx));
            String language = SandboxRequests.language(body);
            if (language == null) throw new ApiError(400, "'language' is required: nl or en");
            return existing(id).compose(existing -> existing == null ? Future.succeededFuture(turnJson(id, null))
                    : runner.chooseLanguage(existing.id(), language).map(r -> turnJson(id, r)));
        });
    }

    /**
     * The conversation's line: the stored one for an existing conversation (a different one in the
     * request is a 409), the requested one for a new conversation (where it is required).
     */
    private String lineOf(String id, JsonObject body, Conversation existing) {
        String requested = SandboxRequests.line(body, lines, existing == null);
        if (existing == null) return requested;
        String stored = existing.session().line();
        if (requested != null && !requested.equals(stored)) {
            throw new ApiError(409, "conversation " + id + " belongs to line '" + stored
                    + "'; start a new conversation id for line '" + requested + "'");
        }
        return stored;
    }

    private void getMessages(RoutingContext ctx) {
        respond(ctx, () -> {
            String id = SandboxRequests.conversationId(ctx.pathParam("id"));
            return existing(id).compose(c -> {
                if (c == null) throw new ApiError(404, "no conversation " + id);
                return runner.store().transcript(c.id());
            }).map(entries -> {
                JsonArray out = new JsonArray();
                for (TranscriptEntry e : entries) {
                    // The person's own view: what staff noted about the conversation is not theirs to see.
                    if (!e.seenByPerson()) continue;
                    out.add(new JsonObject().put("direction", e.direction()).put("text", e.text())
                            .put("at", e.at().toString()).put("buttons", new JsonArray(e.buttons())));
                }
                return out;
            });
        });
    }

    private void getConversation(RoutingContext ctx) {
        respond(ctx, () -> {
            String id = SandboxRequests.conversationId(ctx.pathParam("id"));
            return existing(id).map(c -> {
                if (c == null) throw new ApiError(404, "no conversation " + id);
                return conversationJson(id, c);
            });
        });
    }

    private static JsonObject conversationJson(String id, Conversation c) {
        var s = c.session();
        return new JsonObject().put("conversationId", id).put("line", s.line()).put("language", s.language())
                .put("ownership", s.ownership().name()).put("ended", s.ended()).put("outcome", s.outcome())
                .put("turns", s.turns());
    }

    private static JsonObject turnJson(String id, TurnResult r) {
        JsonArray replies = new JsonArray();
        if (r != null) {
            for (Event.Reply reply : r.replies()) {
                JsonArray buttons = new JsonArray();
                for (Event.Button b : reply.buttons()) {
                    buttons.add(new JsonObject().put("label", b.label()).put("digit", b.digit()));
                }
                replies.add(new JsonObject().put("text", reply.text()).put("buttons", buttons));
            }
        }
        JsonObject out = new JsonObject().put("conversationId", id).put("replies", replies);
        if (r != null) {
            out.put("ownership", r.session().ownership().name()).put("ended", r.session().ended())
                    .put("language", r.session().language());
        }
        return out;
    }

    /** How an API call is answered: refusals as their 4xx, anything else a 503 that names no internals. */
    @FunctionalInterface
    interface Responder {
        void to(RoutingContext ctx, java.util.function.Supplier<Future<?>> call);
    }

    /** Runs an API call; refusals become their 4xx, anything else a 503 that names no internals. */
    private void respond(RoutingContext ctx, java.util.function.Supplier<Future<?>> call) {
        Future<?> f;
        try {
            f = call.get();
        } catch (ApiError e) {
            json(ctx, e.status, error(e.getMessage()));
            return;
        }
        f.onSuccess(v -> json(ctx, 200, v)).onFailure(e -> {
            if (e instanceof ApiError a) {
                json(ctx, a.status, error(a.getMessage()));
            } else {
                log.error("sandbox request failed: {}", e.getClass().getSimpleName());
                json(ctx, 503, error("the service could not handle this message right now; please try again"));
            }
        });
    }

    private static JsonObject error(String reason) { return new JsonObject().put("error", reason); }

    private static void json(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended()) return;
        String s = body instanceof JsonObject o ? o.encode() : body instanceof JsonArray a ? a.encode() : String.valueOf(body);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(s);
    }
}
