package nl.omkijken.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import nl.omkijken.channels.http.BoundedBody;
import nl.omkijken.engine.Outcome;
import nl.omkijken.handoff.HandoffRefused;
import nl.omkijken.runner.StaffAction;
import nl.omkijken.runner.TurnRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff console at {@code /console/}: a static page (no inline script, a strict Content-Security-
 * Policy) and its JSON API under {@code /console/api/}. Every API call but the sign-in is for a signed-in
 * worker ({@link ConsoleAuth}); every action on a conversation is a turn of the runner
 * ({@link TurnRunner#act}) and a line in the audit log.
 */
public final class ConsoleApi {
    private static final Logger log = LoggerFactory.getLogger(ConsoleApi.class);
    static final int MAX_BODY = 16 * 1024;
    /** The longest reply: ten SMS parts (Telegram allows more; a worker's reply is a message, not a letter). */
    static final int MAX_REPLY = 1_600;
    /** The longest internal note. */
    static final int MAX_NOTE = 2_000;
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Vertx vertx;
    private final TurnRunner runner;
    private final ConsoleAuth auth;
    private final InboxView view;
    private final LiveFeed feed;
    private final AuditLog audit;
    private final Workers workers;
    private final Presence presence;
    private final java.util.Map<String, String> handBackDialogs;
    private final AdminRoutes admin;
    private final HoursRoutes hoursRoutes;
    /** Workers who take calls on their own phone; null when the phone puts no calls through. */
    private final PhoneDutyRoutes phoneDutyRoutes;
    private final TakeNext next;
    private final Offers offers;
    private final ShiftRoutes shiftRoutes;
    /** The Telefooncirkel's participants; null when the console runs without them. */
    private final ParticipantRoutes participantRoutes;
    private final CheckInRoutes checkInRoutes;
    private final ChainRoutes chainRoutes;
    private final AppointmentRoutes appointmentRoutes;
    private final FiguresRoutes figuresRoutes;
    private final Clock clock;
    private final List<String> lines;

    /**
     * @param handBackDialogs the dialogs a worker may hand a conversation back to, with the line each
     *                        belongs to ("" for one of every line); the crisis dialog is not among them
     */
    public ConsoleApi(Vertx vertx, TurnRunner runner, ConsolePorts ports, Clock clock, ConsoleSettings settings, List<String> lines,
                      java.util.Map<String, String> handBackDialogs) {
        this.vertx = vertx;
        this.runner = runner;
        this.audit = ports.audit();
        this.workers = ports.workers();
        this.presence = ports.presence();
        this.handBackDialogs = java.util.Map.copyOf(handBackDialogs);
        this.clock = clock;
        this.lines = List.copyOf(lines);
        this.auth = new ConsoleAuth(vertx, ports.workers(), ports.sessions(), ports.audit(), clock, settings);
        this.view = new InboxView(runner.store(), ports.people(), ports.workers(), ports.presence(),
                new ReplyStatuses(ports.outbox(), ports.deliveries()), clock, runner.routing(), ports.shifts(),
                ports.helpdesk() == null ? id -> null : ports.helpdesk()::articleTitle);
        this.feed = new LiveFeed(vertx, ports.sessions(), ports.workers(), ports.presence(), clock, settings.heartbeat());
        this.offers = ports.offers();
        this.figuresRoutes = new FiguresRoutes(ports.figures(), runner.callFigures(), runner.engine().dialogs()::holdsCalls, clock, this.lines);
        this.shiftRoutes = new ShiftRoutes(ports.shifts(), ports.workers(), ports.audit(), clock, this.lines);
        this.participantRoutes = ports.circle() == null ? null
                : new ParticipantRoutes(ports.circle(), ports.audit(), clock, settings.callsPerSecond());
        this.checkInRoutes = ports.circle() == null ? null : new CheckInRoutes(ports.circle(), ports.audit(), clock);
        this.chainRoutes = ports.circle() == null ? null : new ChainRoutes(ports.circle(), ports.audit(), clock);
        this.appointmentRoutes = ports.helpdesk() == null ? null : new AppointmentRoutes(ports.helpdesk(), ports.audit(), clock, runner);
        this.next = new TakeNext(new OpenConversations(runner.store()), ports.workers(), ports.presence(),
                runner.routing(), clock);
        this.admin = new AdminRoutes(vertx, ports.workers(), ports.canned(), ports.audit(), clock, this.lines,
                runner.routing());
        this.hoursRoutes = ports.hours() == null ? null : new HoursRoutes(ports.hours(), ports.audit(), clock, this.lines);
        this.phoneDutyRoutes = ports.phoneDuty() == null ? null : new PhoneDutyRoutes(ports.phoneDuty(), ports.audit(), clock);
    }

    public void mount(Router router) {
        router.route("/console/*").handler(ctx -> {
            ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer").putHeader("X-Frame-Options", "DENY")
                    .putHeader("Cross-Origin-Opener-Policy", "same-origin")
                    .putHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
            ctx.next();
        });
        router.get("/console").handler(ctx -> {
            // The route also matches "/console/"; only the bare path is redirected.
            if (ctx.request().path().equals("/console")) ctx.redirect("/console/");
            else ctx.next();
        });
        router.get("/console/api/events").handler(ctx -> auth.signedIn(ctx)
                .onSuccess(s -> feed.open(ctx, s)).onFailure(e -> fail(ctx, e)));
        router.route("/console/api/*").handler(new BoundedBody(MAX_BODY));
        router.get("/console/api/signin").handler(ctx -> json(ctx, 200, auth.signInToken(ctx)));
        router.post("/console/api/signin").handler(ctx -> call(ctx, () -> {
            JsonObject body = body(ctx);
            // Signing in is being here: an away switch left on from before is off.
            return auth.signIn(ctx, body.getString("name"), body.getString("password"))
                    .compose(s -> presence.away(s.worker().id(), false, clock.instant()).map(v -> me(s).put("away", false)));
        }));
        signed(router.post("/console/api/signout")::handler, (ctx, s) -> feed.closeAll(s.worker().id())
                .compose(v -> auth.signOut(ctx, s)).map(v -> new JsonObject().put("signedOut", true)));
        signed(router.get("/console/api/me")::handler, (ctx, s) -> presence.isAway(s.worker().id())
                .map(away -> me(s).put("away", away)));
        signed(router.post("/console/api/me/away")::handler, (ctx, s) -> {
            boolean away = Boolean.TRUE.equals(body(ctx).getValue("away"));
            return presence.away(s.worker().id(), away, clock.instant())
                    .compose(v -> audited(s, away ? "away" : "available", ""))
                    .map(v -> me(s).put("away", away));
        });
        signed(router.get("/console/api/inbox")::handler, (ctx, s) -> view.inbox(s.worker()));
        signed(router.get("/console/api/options")::handler, (ctx, s) -> Future.succeededFuture(options()));
        signed(router.get("/console/api/conversations/:id")::handler, (ctx, s) -> {
            String id = ctx.pathParam("id");
            return view.conversation(s.worker(), id).compose(c -> audit.recordOnce(new AuditLog.Entry(clock.instant(),
                    s.worker().id(), "open_transcript", id), java.time.Duration.ofMinutes(10)).map(c));
        });
        action(router, "take", (ctx, s) -> new StaffAction.TakeOver(staff(s)));
        signed(router.post("/console/api/next")::handler, (ctx, s) -> next.take(s.worker(),
                id -> perform(s, id, "take_next", new StaffAction.TakeOver(staff(s)))));
        // The conversation offered to this worker (a line with offer: in routing.yaml), if any, still waiting.
        signed(router.get("/console/api/offer")::handler, (ctx, s) -> offers.ofWorker(s.worker().id()).compose(o -> {
            if (o == null) return Future.succeededFuture(new JsonObject().putNull("offer"));
            return runner.store().load(o.conversationId()).compose(c -> {
                if (c == null || c.handoff() == null || c.handoff().state() != nl.omkijken.handoff.Handoff.State.WAITING) {
                    // Taken by a colleague meanwhile, or the person left: the offer is over.
                    return offers.end(o.conversationId(), s.worker().id()).map(v -> new JsonObject().putNull("offer"));
                }
                return view.summary(s.worker(), c).map(item -> new JsonObject().put("offer", item.put("until", o.until().toString())));
            });
        }));
        signed(router.post("/console/api/offer/accept")::handler, (ctx, s) -> offers.ofWorker(s.worker().id()).compose(o -> {
            if (o == null) throw new ConsoleAuth.Refused(409, "offer_gone", "Dit aanbod is verlopen; het gesprek is naar een collega gegaan.");
            return perform(s, o.conversationId(), "accept_offer", new StaffAction.TakeOver(staff(s)))
                    .compose(r -> offers.end(o.conversationId(), s.worker().id()).map(v -> r.put("id", o.conversationId())))
                    .recover(e -> offers.end(o.conversationId(), s.worker().id()).compose(v -> Future.failedFuture(e)));
        }));
        signed(router.post("/console/api/offer/decline")::handler, (ctx, s) -> offers.ofWorker(s.worker().id()).compose(o -> {
            if (o == null) return Future.succeededFuture(new JsonObject().put("ok", true));
            return offers.end(o.conversationId(), s.worker().id())
                    .compose(v -> audited(s, "decline_offer", o.conversationId())).map(v -> new JsonObject().put("ok", true));
        }));
        action(router, "reply", (ctx, s) -> new StaffAction.Reply(staff(s), replyText(body(ctx))));
        action(router, "give-back", (ctx, s) -> new StaffAction.GiveBack(staff(s)));
        action(router, "hand-back", (ctx, s) -> new StaffAction.HandBack(staff(s), dialog(body(ctx), handBackDialogs)));
        action(router, "transfer", (ctx, s) -> new StaffAction.Transfer(staff(s), queue(body(ctx))));
        action(router, "close", (ctx, s) -> new StaffAction.Close(staff(s), outcome(body(ctx))));
        action(router, "callback", (ctx, s) -> callBack(staff(s), body(ctx)));
        signed(router.post("/console/api/conversations/:id/assign")::handler, (ctx, s) -> {
            String id = ctx.pathParam("id");
            Object to = body(ctx).getValue("worker");
            if (!(to instanceof String workerId) || workerId.isBlank()) {
                throw new ConsoleAuth.Refused(400, "worker", "Kies de collega die het gesprek overneemt.");
            }
            return workers.byId(workerId).compose(colleague -> runner.store().load(id).compose(c -> {
                if (c == null) throw new ConsoleAuth.Refused(404, "not_found", "Dit gesprek bestaat niet (meer).");
                if (!InboxView.visible(s.worker(), c)) {
                    throw new ConsoleAuth.Refused(403, "not_your_queue", "Dit gesprek hoort bij een wachtrij die u niet bedient.");
                }
                if (colleague == null || c.handoff() == null || !colleague.serves(c.handoff().queue())) {
                    throw new ConsoleAuth.Refused(400, "worker", "Deze collega bedient de wachtrij van dit gesprek niet.");
                }
                return runner.act(id, new StaffAction.Assign(staff(s), new StaffAction.Staff(colleague.id(), colleague.name(),
                        colleague.role().supervises(), colleague::serves)));
            })).compose(h -> audited(s, "assign", id)).map(v -> new JsonObject().put("ok", true));
        });
        signed(router.post("/console/api/conversations/:id/notes")::handler, (ctx, s) -> {
            String id = ctx.pathParam("id");
            String text = noteText(body(ctx));
            // A turn like the others: in the transcript (never sent), on the event stream for every console.
            return runner.store().load(id).compose(c -> {
                if (c == null) throw new ConsoleAuth.Refused(404, "not_found", "Dit gesprek bestaat niet (meer).");
                if (!InboxView.visible(s.worker(), c)) {
                    throw new ConsoleAuth.Refused(403, "not_your_queue", "Dit gesprek hoort bij een wachtrij die u niet bedient.");
                }
                return runner.act(id, new StaffAction.Note(staff(s), text));
            }).compose(v -> audited(s, "add_note", id)).map(v -> new JsonObject().put("ok", true));
        });
        admin.mount(router, this::signed);
        if (hoursRoutes != null) hoursRoutes.mount(router, this::signed);
        if (phoneDutyRoutes != null) phoneDutyRoutes.mount(router, this::signed);
        shiftRoutes.mount(router, this::signed);
        if (participantRoutes != null) participantRoutes.mount(router, this::signed);
        if (checkInRoutes != null) checkInRoutes.mount(router, this::signed);
        if (chainRoutes != null) chainRoutes.mount(router, this::signed);
        if (appointmentRoutes != null) appointmentRoutes.mount(router, this::signed);
        figuresRoutes.mount(router, this::signed);
        router.route("/console/api/*").handler(ctx -> json(ctx, 404, error("not_found", "Onbekend adres in de console.")));
        router.route("/console/*").handler(StaticHandler.create("webroot/console").setCachingEnabled(false)
                .setDefaultContentEncoding("UTF-8"));
    }

    interface SignedCall {
        Future<?> apply(RoutingContext ctx, ConsoleAuth.Signed s);
    }

    /** Registers a route for signed-in workers: the route's handler, and what it answers. */
    interface SignedRoute {
        void add(Function<io.vertx.core.Handler<RoutingContext>, ?> route, SignedCall call);
    }

    private interface ActionOf {
        StaffAction apply(RoutingContext ctx, ConsoleAuth.Signed s);
    }

    void signed(Function<io.vertx.core.Handler<RoutingContext>, ?> route, SignedCall call) {
        route.apply(ctx -> auth.signedIn(ctx).onComplete(ar -> {
            if (ar.failed()) {
                fail(ctx, ar.cause());
                return;
            }
            ConsoleAuth.Signed s = ar.result();
            // Any request of an open console says the worker is here (the live feed may be held up by a proxy).
            // Marked before the request runs, not beside it: a sign-out's mark must come after this one.
            presence.seen(s.worker().id(), clock.instant()).onComplete(seen -> call(ctx, () -> call.apply(ctx, s).onFailure(e -> {
                if (e instanceof ConsoleAuth.Refused r && (r.status == 403 || r.status == 409)) {
                    audit.record(new AuditLog.Entry(clock.instant(), s.worker().id(), "refused_" + r.code,
                            ctx.pathParam("id") == null ? "" : ctx.pathParam("id")));
                }
            })));
        }));
    }

    /** POST /console/api/conversations/:id/NAME: a worker's action, a turn of its own, then in the audit log. */
    private void action(Router router, String name, ActionOf of) {
        signed(router.post("/console/api/conversations/:id/" + name)::handler,
                (ctx, s) -> perform(s, ctx.pathParam("id"), name, of.apply(ctx, s)));
    }

    /** A worker's action on a conversation of their queues (or their own), then its line in the audit log. */
    private Future<JsonObject> perform(ConsoleAuth.Signed s, String id, String name, StaffAction action) {
        return runner.store().load(id).compose(c -> {
            if (c == null) throw new ConsoleAuth.Refused(404, "not_found", "Dit gesprek bestaat niet (meer).");
            if (!InboxView.visible(s.worker(), c)) {
                throw new ConsoleAuth.Refused(403, "not_your_queue", "Dit gesprek hoort bij een wachtrij die u niet bedient.");
            }
            if (action instanceof StaffAction.HandBack back && back.dialog() != null) {
                String line = handBackDialogs.get(back.dialog());
                if (!line.isEmpty() && !line.equals(c.session().line())) {
                    throw new ConsoleAuth.Refused(400, "dialog", "Dat gesprek hoort bij een andere lijn.");
                }
            }
            if (action instanceof StaffAction.Transfer t && !s.worker().serves(t.queue()) && !s.worker().role().supervises()) {
                throw new ConsoleAuth.Refused(403, "not_your_queue", "U kunt alleen naar een wachtrij die u bedient verplaatsen.");
            }
            return runner.act(id, action);
        }).compose(h -> audited(s, name.replace('-', '_'), id).map(v -> new JsonObject().put("ok", true)
                .put("state", h == null ? null : h.state().name())));
    }

    /**
     * An action's line in the audit log, after it was done. Its failure does not fail the request: the
     * action stands (a reply was sent), and a worker who saw an error would do it again.
     */
    private Future<Void> audited(ConsoleAuth.Signed s, String action, String target) {
        return audit.recordDone(new AuditLog.Entry(clock.instant(), s.worker().id(), action, target));
    }

    private static StaffAction.Staff staff(ConsoleAuth.Signed s) {
        Worker w = s.worker();
        return new StaffAction.Staff(w.id(), w.name(), w.role().supervises(), w::serves);
    }

    private JsonObject me(ConsoleAuth.Signed s) {
        Worker w = s.worker();
        return new JsonObject().put("id", w.id()).put("name", w.name()).put("role", w.role().id())
                .put("roleLabel", w.role().dutch()).put("lines", new JsonArray(List.copyOf(w.lines())))
                .put("csrf", s.session().csrf()).put("seesNumbers", w.role().seesNumbers())
                .put("supervises", w.role().supervises());
    }

    private JsonObject options() {
        JsonArray outcomes = new JsonArray();
        for (Outcome o : Outcome.values()) outcomes.add(o.id());
        JsonObject dialogs = new JsonObject();
        handBackDialogs.forEach(dialogs::put);
        // Every queue a conversation can wait in: each line, then each part's queue with the part's name.
        JsonObject queues = new JsonObject();
        for (String l : lines) queues.put(l, l);
        runner.routing().partQueues().forEach(queues::put);
        return new JsonObject().put("lines", new JsonArray(lines)).put("queues", queues).put("outcomes", outcomes).put("dialogs", dialogs)
                .put("hours", hoursRoutes != null).put("phoneDuty", phoneDutyRoutes != null);
    }

    private static String replyText(JsonObject body) {
        String text = body.getValue("text") instanceof String t ? t.strip() : null;
        if (text == null || text.isEmpty()) throw new ConsoleAuth.Refused(400, "empty", "Schrijf eerst een antwoord.");
        if (text.length() > MAX_REPLY) {
            throw new ConsoleAuth.Refused(400, "too_long", "Een antwoord heeft hoogstens " + MAX_REPLY + " tekens.");
        }
        return text;
    }

    private static String noteText(JsonObject body) {
        String text = body.getValue("text") instanceof String t ? t.strip() : null;
        if (text == null || text.isEmpty()) throw new ConsoleAuth.Refused(400, "empty", "Schrijf eerst een notitie.");
        if (text.length() > MAX_NOTE) {
            throw new ConsoleAuth.Refused(400, "too_long", "Een notitie heeft hoogstens " + MAX_NOTE + " tekens.");
        }
        return text;
    }

    private static String dialog(JsonObject body, java.util.Map<String, String> allowed) {
        Object d = body.getValue("dialog");
        if (d == null || (d instanceof String s && s.isBlank())) return null;
        if (!(d instanceof String s) || !allowed.containsKey(s)) {
            throw new ConsoleAuth.Refused(400, "dialog", "Onbekend gesprek om naar terug te geven.");
        }
        return s;
    }

    private String queue(JsonObject body) {
        Object q = body.getValue("queue");
        if (!(q instanceof String s) || !s.matches("[a-z0-9_-]{1,40}(:[a-z0-9_-]{1,40})?")) {
            throw new ConsoleAuth.Refused(400, "queue", "Kies de wachtrij om naar te verplaatsen.");
        }
        String line = s.contains(":") ? s.substring(0, s.indexOf(':')) : s;
        if (!lines.contains(line) || (s.contains(":") && !runner.routing().partQueues().containsKey(s))) {
            throw new ConsoleAuth.Refused(400, "queue", "Er is geen wachtrij '" + s + "'.");
        }
        return s;
    }

    /** How far ahead a call-back is tried again at most: beyond that it is a new appointment, not a retry. */
    static final java.time.Duration MAX_RETRY = java.time.Duration.ofDays(14);

    /** {"result": "reached" | "not_reached" | "gave_up", "retryAt": "2026-12-05T14:00" (Dutch time)}. */
    private StaffAction.CallBack callBack(StaffAction.Staff by, JsonObject body) {
        Object r = body.getValue("result");
        StaffAction.CallBack.Result result = "reached".equals(r) ? StaffAction.CallBack.Result.REACHED
                : "not_reached".equals(r) ? StaffAction.CallBack.Result.NOT_REACHED
                : "gave_up".equals(r) ? StaffAction.CallBack.Result.GAVE_UP : null;
        if (result == null) throw new ConsoleAuth.Refused(400, "result", "Kies: bereikt, niet bereikt (opnieuw proberen) of niet te bereiken.");
        if (result != StaffAction.CallBack.Result.NOT_REACHED) return new StaffAction.CallBack(by, result, null);
        java.time.Instant at;
        try {
            java.time.LocalDateTime local = java.time.LocalDateTime.parse(String.valueOf(body.getValue("retryAt")));
            at = java.time.ZonedDateTime.ofLocal(local, ShiftForm.ZONE, null).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new FieldErrors(java.util.Map.of("retryAt", "Kies wanneer u het opnieuw probeert (dag en tijd)."));
        }
        java.time.Instant now = clock.instant();
        if (!at.isAfter(now)) throw new FieldErrors(java.util.Map.of("retryAt", "Kies een tijd die nog moet komen."));
        if (at.isAfter(now.plus(MAX_RETRY))) throw new FieldErrors(java.util.Map.of("retryAt", "Hoogstens twee weken vooruit."));
        return new StaffAction.CallBack(by, result, at);
    }

    private static Outcome outcome(JsonObject body) {
        Outcome o = body.getValue("outcome") instanceof String s ? Outcome.fromId(s) : null;
        if (o == null) throw new ConsoleAuth.Refused(400, "outcome", "Kies hoe het gesprek is afgelopen.");
        return o;
    }

    static JsonObject body(RoutingContext ctx) {
        try {
            var raw = BoundedBody.of(ctx);
            if (raw == null || raw.length() == 0) return new JsonObject();
            return new JsonObject(raw.toString(java.nio.charset.StandardCharsets.UTF_8));
        } catch (DecodeException | ClassCastException e) {
            throw new ConsoleAuth.Refused(400, "json", "Het verzoek is geen geldige JSON.");
        }
    }

    private void call(RoutingContext ctx, java.util.function.Supplier<Future<?>> work) {
        Future<?> f;
        try {
            f = work.get();
        } catch (RuntimeException e) {
            fail(ctx, e);
            return;
        }
        f.onSuccess(v -> json(ctx, 200, v)).onFailure(e -> fail(ctx, e));
    }

    private static void fail(RoutingContext ctx, Throwable e) {
        if (e instanceof ConsoleAuth.Refused r) {
            json(ctx, r.status, error(r.code, r.getMessage()));
        } else if (e instanceof FieldErrors f) {
            json(ctx, 400, error("invalid_fields", "Nog niet opgeslagen: " + f.fields.size()
                    + (f.fields.size() == 1 ? " veld klopt" : " velden kloppen") + " niet.").put("fields", new JsonObject(new java.util.LinkedHashMap<>(f.fields))));
        } else if (e instanceof HoursRoutes.Problems p) {
            json(ctx, 400, error("invalid", "De openingstijden kloppen nog niet; niets is opgeslagen.")
                    .put("problems", new JsonArray(p.problems)).put("problemsEnglish", new JsonArray(p.english)));
        } else if (e instanceof HandoffRefused h) {
            json(ctx, 409, error("refused", RefusalText.dutch(h)).put("reason", h.code()));
        } else if (e instanceof nl.omkijken.runner.ConversationStore.LockBusyException) {
            json(ctx, 503, error("busy", "Het gesprek is even bezet. Probeer het zo opnieuw."));
        } else if (e instanceof Workers.NameTaken) {
            json(ctx, 409, error("name_taken", "Er is al een medewerker met deze naam."));
        } else if (e instanceof IllegalArgumentException i) {
            json(ctx, 400, error("invalid", i.getMessage()));
        } else {
            log.error("console request failed route={} error={}", ctx.currentRoute() == null ? "-" : ctx.currentRoute().getPath(),
                    e.getClass().getSimpleName());
            json(ctx, 500, error("internal", "Er ging iets mis aan onze kant. Probeer het zo opnieuw."));
        }
    }

    static JsonObject error(String code, String message) {
        return new JsonObject().put("code", code).put("error", message);
    }

    static void json(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended()) return;
        String s = body instanceof JsonObject o ? o.encode() : body instanceof JsonArray a ? a.encode() : String.valueOf(body);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(s);
    }
}
