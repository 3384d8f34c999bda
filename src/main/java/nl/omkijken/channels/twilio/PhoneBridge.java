package nl.omkijken.channels.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Conference;
import com.twilio.twiml.voice.Redirect;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Say;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.omkijken.channels.http.BoundedBody;
import nl.omkijken.circle.CallPlacer;
import nl.omkijken.engine.Ownership;
import nl.omkijken.engine.PhoneTexts;
import nl.omkijken.handoff.Handoff;
import nl.omkijken.runner.Conversation;
import nl.omkijken.runner.HeldCalls;
import nl.omkijken.runner.OnceMarks;
import nl.omkijken.runner.PhoneDuty;
import nl.omkijken.runner.StaffAction;
import nl.omkijken.runner.Task;
import nl.omkijken.runner.TaskHandler;
import nl.omkijken.runner.TurnRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a caller who waits on the line through to the worker who took them in the console, on the worker's own phone,
 * so that neither sees the other's number and nothing is recorded.
 *
 * <ol>
 *   <li>The take-over's task ({@link TurnRunner#PUT_THROUGH_TASK}, after its commit): a worker available by phone and
 *       not on a call is rung from the line's number ({@link #WORKER_PATH}); otherwise the conversation goes back to its
 *       queue at its place (the caller keeps waiting).</li>
 *   <li>The worker answers and hears that a caller waits: 1 is answered with a short text and a redirect to
 *       {@link #WORKER_JOIN_PATH}; only that request, which proves the worker is still on the line after pressing, joins
 *       them to a conference named after the conversation ({@code record="do-not-record"}) and sends the caller's call
 *       to {@link #BRIDGE_PATH}, into the same conference. A worker who hangs up right after pressing 1 therefore never
 *       leaves the caller alone in a conference nobody joins: their call's end gives the caller back. 2 or nothing gives
 *       the conversation back to its queue, at its old place, and the caller keeps waiting.</li>
 *   <li>A worker's phone that is not answered (busy, no answer, failed) gives the conversation back as well; the
 *       call's end frees the worker for the next.</li>
 * </ol>
 * Every request passes the same gate as the other voice webhooks (signature, account, a readable form).
 */
final class PhoneBridge implements TaskHandler {
    private static final Logger log = LoggerFactory.getLogger(PhoneBridge.class);
    static final String WORKER_PATH = "/webhooks/twilio/voice/worker";
    static final String WORKER_STATUS_PATH = "/webhooks/twilio/voice/worker/status";
    static final String WORKER_JOIN_PATH = "/webhooks/twilio/voice/worker/join";
    static final String BRIDGE_PATH = "/webhooks/twilio/voice/bridge";
    static final String BRIDGE_WAIT_PATH = "/webhooks/twilio/voice/bridge/wait";
    static final String BRIDGE_LOST_PATH = "/webhooks/twilio/voice/bridge/lost";
    static final String CALL = "call";
    static final String SINCE = "since";
    /**
     * How long a caller may wait in the conference for a worker who pressed 1 (the worker joins first, so normally not
     * at all) before the service takes them out: a lost status callback must not leave them there.
     */
    static final java.time.Duration JOIN_WITHIN = java.time.Duration.ofMinutes(2);
    static final String WORKER = "worker";
    static final String KEYED = "keyed";
    private static final BoundedBody BODY = new BoundedBody(TwilioWebhooks.MAX_BODY);
    private static final Set<String> NOT_ANSWERED = Set.of("busy", "no-answer", "failed", "canceled");
    private static final Set<String> ENDED = Set.of("completed", "busy", "no-answer", "failed", "canceled");

    /** Ports the bridge works with. */
    record Ports(TurnRunner runner, PhoneDuty duty, HeldCalls held, OnceMarks once) {}

    private final Vertx vertx;
    private final com.twilio.http.TwilioRestClient client;
    private final TwilioSettings settings;
    private final VoiceSettings voice;
    private final TwilioSignature signature;
    private final Ports ports;
    private final PhoneTexts.Hold texts;
    private final MeterRegistry metrics;
    private final Map<String, TwilioCalls> callsByLine = new HashMap<>();

    PhoneBridge(Vertx vertx, com.twilio.http.TwilioRestClient client, TwilioSettings settings, VoiceSettings voice, Ports ports,
                MeterRegistry metrics) {
        this.vertx = vertx;
        this.client = client;
        this.settings = settings;
        this.voice = voice;
        this.signature = new TwilioSignature(settings.authToken(), settings.publicBaseUrl());
        this.ports = ports;
        this.texts = ports.runner().engine().dialogs().phone().hold();
        this.metrics = metrics;
        this.stats = new nl.omkijken.channels.CallStats(ports.runner());
    }

    private final nl.omkijken.channels.CallStats stats;

    void mount(Router router) {
        router.post(WORKER_PATH).handler(BODY).handler(this::workerCall).failureHandler(this::failed);
        router.post(WORKER_STATUS_PATH).handler(BODY).handler(this::workerStatus).failureHandler(this::failed);
        router.post(WORKER_JOIN_PATH).handler(BODY).handler(this::workerJoin).failureHandler(this::failed);
        router.post(BRIDGE_PATH).handler(BODY).handler(this::bridge).failureHandler(this::failed);
        router.post(BRIDGE_WAIT_PATH).handler(BODY).handler(this::bridgeWait).failureHandler(this::failed);
        router.post(BRIDGE_LOST_PATH).handler(BODY).handler(this::bridgeLost).failureHandler(this::failed);
    }

    @Override
    public String kind() {
        return TurnRunner.putThroughTask(VoiceCall.CHANNEL);
    }

    /**
     * The take-over of a caller on hold: ring the worker's phone, or tell the caller a worker calls back. Once per task
     * (a task run again after a crash rings nobody twice); a caller who is gone already needs nothing.
     */
    @Override
    public Future<Void> run(Task task) {
        JsonObject p = new JsonObject(task.payload());
        String conversation = p.getString("conversation");
        String worker = p.getString("worker");
        return ports.runner().store().load(conversation).compose(c -> {
            // Given back, passed on or closed since (a task run late): nothing to put through for this worker.
            if (!stillTheirs(c, worker) || !c.session().slots().containsKey(nl.omkijken.engine.Session.HOLD_SLOT)) {
                return Future.<Void>succeededFuture();
            }
            return ports.held().callOf(conversation).compose(callSid -> {
                // Held, but its call's id not written yet (the take-over came right after the caller joined): try again.
                if (callSid == null) return Future.<Void>failedFuture(new IllegalStateException("the held call's id is not known yet"));
                return ports.once().claim("put-through:" + task.id()).compose(first -> !first ? Future.<Void>succeededFuture()
                        : putThrough(c, callSid, worker).recover(e -> ports.once().release("put-through:" + task.id())
                                .compose(v -> Future.failedFuture(e))));
            });
        });
    }

    /**
     * Rings the worker's phone. A worker who cannot be rung (not available by phone, on a call already, no number to call
     * from) gives the caller back at their place: a promise to call back would be theirs to keep, and a volunteer does
     * not see the caller's number.
     */
    private Future<Void> putThrough(Conversation c, String callSid, String worker) {
        String conversation = c.id();
        TwilioCalls calls = calls(c.session().line());
        return ports.duty().of(worker).compose(duty -> duty == null || !calls.canCall() ? Future.succeededFuture(false)
                        : ports.duty().startCall(worker).compose(free -> !free ? Future.succeededFuture(false)
                        : calls.callWorker(duty.phone(), conversation, worker)
                                .compose(sid -> ports.duty().callPlaced(worker, sid).map(true))
                                .recover(e -> ports.duty().noCall(worker).map(false))))
                .compose(rung -> {
                    metrics.counter("omk_put_through_total", "line", String.valueOf(c.session().line()),
                            "how", rung ? "worker_phone" : "given_back").increment();
                    return rung ? Future.<Void>succeededFuture() : giveBack(conversation, worker);
                });
    }

    /**
     * The worker's phone was answered: a caller waits (1 takes the call); with {@code keyed}, what they pressed. A
     * caller who is gone, or a conversation no longer theirs, ends the worker's call kindly.
     */
    private void workerCall(RoutingContext ctx) {
        WorkerRequest req = workerRequest(ctx, "voice_worker");
        if (req == null) return;
        FormBody form = req.form();
        String conversation = req.conversation();
        String worker = req.worker();
        String digits = form.get("Digits");
        boolean keyed = !ctx.queryParam(KEYED).isEmpty();
        String self = WORKER_PATH + "?" + VoiceWebhooks.CONVERSATION + "=" + enc(conversation) + "&" + WORKER + "=" + enc(worker);
        String workerCall = form.get("CallSid");
        Future<String> twiml = ports.runner().store().load(conversation).compose(c -> {
            if (!stillTheirs(c, worker)) return ports.duty().endCall(worker, workerCall).map(v -> say(texts.worker().gone(), true));
            if (!keyed) return Future.succeededFuture(offer(self + "&" + KEYED + "=1"));
            if ("1".equals(digits)) {
                // Said while the worker is still only on their own call; the join that follows moves the caller.
                return ports.held().callOf(conversation).compose(callSid -> callSid == null
                        ? ports.duty().endCall(worker, workerCall).map(v -> say(texts.worker().gone(), true))
                        : Future.succeededFuture(new VoiceResponse.Builder().say(say(texts.worker().connected().in("nl"), "nl"))
                                .redirect(new Redirect.Builder(settings.publicBaseUrl() + WORKER_JOIN_PATH + "?" + VoiceWebhooks.CONVERSATION
                                        + "=" + enc(conversation) + "&" + WORKER + "=" + enc(worker)).method(HttpMethod.POST).build())
                                .build().toXml()));
            }
            // 2, another key, or nothing: the caller goes back to the queue at their old place.
            return giveBack(conversation, worker).compose(v -> ports.duty().endCall(worker, workerCall))
                    .map(v -> say(texts.worker().declined(), true));
        });
        twiml.onComplete(ar -> {
            if (ar.succeeded()) {
                TwilioWebhooks.count(metrics, "voice_worker", keyed ? "keyed" : "answered");
                xml(ctx, ar.result());
            } else {
                log.warn("worker call turn failed error={}", ar.cause().getClass().getSimpleName());
                TwilioWebhooks.count(metrics, "voice_worker", "trouble");
                xml(ctx, "<Response><Hangup/></Response>");
            }
        });
    }

    /**
     * The worker pressed 1 and is still on the line (Twilio asks for this only while their call lasts): the caller's call
     * is moved into the conference and the worker joins it. Asked again for the same call (a repeated request): the
     * worker joins the conference the caller is in already.
     */
    private void workerJoin(RoutingContext ctx) {
        WorkerRequest req = workerRequest(ctx, "voice_worker_join");
        if (req == null) return;
        String conversation = req.conversation();
        String worker = req.worker();
        String workerCall = req.form().get("CallSid");
        Future<String> twiml = ports.once().isSet(bridged(workerCall)).compose(joined -> joined
                ? Future.succeededFuture(conference(null, "nl", conversation, true))
                : ports.runner().store().load(conversation).compose(c -> !stillTheirs(c, worker)
                        ? ports.duty().endCall(worker, workerCall).map(v -> say(texts.worker().gone(), true))
                        : ports.held().callOf(conversation).compose(callSid -> callSid == null
                                ? ports.duty().endCall(worker, workerCall).map(v -> say(texts.worker().gone(), true))
                                : calls(c.session().line()).redirect(callSid, BRIDGE_PATH + "?" + VoiceWebhooks.CONVERSATION + "=" + enc(conversation)
                                                + "&" + WORKER + "=" + enc(worker) + "&" + CALL + "=" + enc(workerCall) + "&" + SINCE + "="
                                                + ports.runner().clock().millis())
                                        // The caller is on their way into the conference: whatever follows must not keep the worker out.
                                        .compose(v -> putThroughDone(conversation, workerCall))
                                        .map(v -> conference(null, "nl", conversation, true))
                                        .recover(e -> e instanceof CallPlacer.Refused
                                                // The caller's call is over: they hung up just now.
                                                ? ports.held().gone(conversation).compose(v -> ports.duty().endCall(worker, workerCall))
                                                        .map(v -> say(texts.worker().gone(), true))
                                                // Twilio could not move the call now: the caller keeps their place, and the worker hears so.
                                                : giveBack(conversation, worker).compose(v -> ports.duty().endCall(worker, workerCall))
                                                        .map(v -> say(texts.worker().failed(), true))))));
        twiml.onComplete(ar -> {
            if (ar.succeeded()) {
                TwilioWebhooks.count(metrics, "voice_worker_join", "joined");
                xml(ctx, ar.result());
            } else {
                log.warn("worker join failed error={}", ar.cause().getClass().getSimpleName());
                TwilioWebhooks.count(metrics, "voice_worker_join", "trouble");
                xml(ctx, "<Response><Hangup/></Response>");
            }
        });
    }

    /** The worker's call progressed: its end frees them; a phone nobody answered gives the caller back to the queue. */
    private void workerStatus(RoutingContext ctx) {
        WorkerRequest req = workerRequest(ctx, "voice_worker_status");
        if (req == null) return;
        FormBody form = req.form();
        String conversation = req.conversation();
        String worker = req.worker();
        String status = form.get("CallStatus");
        if (status == null || !VoiceCall.STATUSES.contains(status)) {
            TwilioWebhooks.refuse(ctx, metrics, "voice_worker_status", WebhookRefusal.badRequest("invalid_field", "CallStatus is not one Twilio sends"));
            return;
        }
        String duration = form.get("CallDuration");
        Future<Void> done = !ENDED.contains(status) ? Future.succeededFuture()
                // Marked first: a caller still waiting in the conference for this worker is taken out (bridgeWait).
                : ports.once().claim(workerEnded(form.get("CallSid"))).<Void>mapEmpty().otherwiseEmpty()
                .compose(v -> ports.duty().endCall(worker, form.get("CallSid"))).compose(v -> NOT_ANSWERED.contains(status) ? backIfWaiting(conversation, worker)
                        // Answered, then hung up before pressing 1: the caller goes back to the queue, not left hanging.
                        : ports.once().isSet(bridged(form.get("CallSid"))).compose(put -> put ? talked(conversation, worker, duration)
                                : backIfWaiting(conversation, worker)));
        done.onComplete(ar -> {
            if (ar.succeeded()) {
                TwilioWebhooks.count(metrics, "voice_worker_status", status);
                xml(ctx, "<Response/>");
            } else {
                TwilioWebhooks.count(metrics, "voice_worker_status", "unavailable");
                if (!ctx.response().ended()) ctx.response().setStatusCode(503).end();
            }
        });
    }

    /**
     * The caller's call, sent here when the worker pressed 1 and joined: into the conference with them. Should the worker
     * be gone before the caller arrives, the conference has not started and the caller waits there: its waitUrl
     * ({@link #bridgeWait}) takes them out.
     */
    private void bridge(RoutingContext ctx) {
        String conversation;
        String waitUrl;
        try {
            FormBody form = TwilioWebhooks.verified(ctx, settings, signature);
            conversation = VoiceCall.ourId(ctx.queryParam(VoiceWebhooks.CONVERSATION), VoiceWebhooks.CONVERSATION);
            VoiceCall.callSid(form);
            waitUrl = settings.publicBaseUrl() + BRIDGE_WAIT_PATH + "?" + VoiceWebhooks.CONVERSATION + "=" + enc(conversation)
                    + "&" + WORKER + "=" + enc(VoiceCall.ourId(ctx.queryParam(WORKER), WORKER))
                    + "&" + CALL + "=" + enc(workerCallOf(ctx)) + "&" + SINCE + "=" + since(ctx);
        } catch (WebhookRefusal r) {
            TwilioWebhooks.refuse(ctx, metrics, "voice_bridge", r);
            return;
        }
        ports.runner().store().load(conversation).onComplete(ar -> {
            String language = ar.succeeded() && ar.result() != null ? ar.result().session().language() : "nl";
            TwilioWebhooks.count(metrics, "voice_bridge", "joined");
            xml(ctx, conference(texts.connecting(), language, conversation, false, waitUrl));
        });
    }

    /**
     * The conference's wait for the caller: only when the worker is not in it (their call ended between pressing 1 and
     * the caller's arrival, or its status callback was lost). The worker's call has ended, or the caller has waited
     * {@link #JOIN_WITHIN}: the caller's call is taken out of the conference to hear that a worker calls back
     * ({@link #bridgeLost}); otherwise a moment's pause, and Twilio asks again.
     */
    private void bridgeWait(RoutingContext ctx) {
        String conversation;
        String callerCall;
        String workerCall;
        long since;
        try {
            FormBody form = TwilioWebhooks.verified(ctx, settings, signature);
            conversation = VoiceCall.ourId(ctx.queryParam(VoiceWebhooks.CONVERSATION), VoiceWebhooks.CONVERSATION);
            VoiceCall.ourId(ctx.queryParam(WORKER), WORKER);
            callerCall = VoiceCall.callSid(form);
            workerCall = workerCallOf(ctx);
            since = since(ctx);
        } catch (WebhookRefusal r) {
            TwilioWebhooks.refuse(ctx, metrics, "voice_bridge_wait", r);
            return;
        }
        boolean tooLong = ports.runner().clock().millis() - since > JOIN_WITHIN.toMillis();
        Future<String> twiml = ports.once().isSet(workerEnded(workerCall)).compose(ended -> !(ended || tooLong)
                ? Future.succeededFuture(PAUSE)
                : ports.runner().store().load(conversation).compose(c -> calls(c == null ? null : c.session().line())
                        .redirect(callerCall, BRIDGE_LOST_PATH + "?" + VoiceWebhooks.CONVERSATION + "=" + enc(conversation)))
                        .map(v -> {
                            TwilioWebhooks.count(metrics, "voice_bridge_wait", "taken_out");
                            return PAUSE;
                        }));
        twiml.onComplete(ar -> {
            if (ar.failed()) {
                log.warn("bridge wait failed error={}", ar.cause().getClass().getSimpleName());
                TwilioWebhooks.count(metrics, "voice_bridge_wait", "trouble");
            }
            xml(ctx, PAUSE);
        });
    }

    /** The caller taken out of a conference the worker never reached: a worker calls back (the helplines), goodbye. */
    private void bridgeLost(RoutingContext ctx) {
        String conversation;
        try {
            TwilioWebhooks.verified(ctx, settings, signature);
            conversation = VoiceCall.ourId(ctx.queryParam(VoiceWebhooks.CONVERSATION), VoiceWebhooks.CONVERSATION);
        } catch (WebhookRefusal r) {
            TwilioWebhooks.refuse(ctx, metrics, "voice_bridge_lost", r);
            return;
        }
        ports.runner().store().load(conversation).onComplete(ar -> {
            String language = ar.succeeded() && ar.result() != null ? ar.result().session().language() : "nl";
            TwilioWebhooks.count(metrics, "voice_bridge_lost", "said");
            xml(ctx, sayIn(texts.callBack(), language, true));
        });
    }

    /** What the conference's wait says between two checks: nothing, for a few seconds (its verbs: Say, Play, Pause, Redirect). */
    private static final String PAUSE = new VoiceResponse.Builder().pause(new com.twilio.twiml.voice.Pause.Builder().length(5).build())
            .build().toXml();

    /** The once-mark of a worker's call that ended (its status callback). */
    private static String workerEnded(String workerCallSid) {
        return "worker-call-ended:" + workerCallSid;
    }

    private static String workerCallOf(RoutingContext ctx) {
        return VoiceCall.callSidParam(ctx.queryParam(CALL), CALL);
    }

    private static long since(RoutingContext ctx) {
        java.util.List<String> v = ctx.queryParam(SINCE);
        if (v.size() != 1 || !v.get(0).matches("\\d{1,15}")) throw WebhookRefusal.badRequest("invalid_field", SINCE + " is not a time");
        return Long.parseLong(v.get(0));
    }

    /**
     * After the caller's call was moved into the conference: the worker's call is marked (its end counts the talk), the
     * call is no longer waiting to be put through (a later take-over rings nobody and moves nobody out of this talk), and
     * the conversation's turn says so (counted answered, the caller no longer on hold). Each step is best effort: the
     * caller is already on the way, so the worker must join, whatever fails here.
     */
    private Future<Void> putThroughDone(String conversation, String workerCall) {
        return ports.once().claim(bridged(workerCall)).<Void>mapEmpty().otherwiseEmpty()
                .compose(v -> ports.held().gone(conversation).otherwiseEmpty())
                .compose(v -> ports.runner().putThrough(conversation).<Void>mapEmpty().otherwiseEmpty());
    }

    /** The once-mark of the worker's call that a caller was put through to (its end counts the talk). */
    private static String bridged(String workerCallSid) {
        return "bridged:" + workerCallSid;
    }

    /**
     * The worker's call ended after it was answered and the caller was put through: how long they talked (Twilio's
     * CallDuration of the worker's call, which is the talk give or take the press of 1).
     */
    private Future<Void> talked(String conversation, String worker, String duration) {
        if (duration == null || !duration.matches("\\d{1,6}")) return Future.succeededFuture();
        return ports.runner().store().load(conversation).map(c -> {
            if (c != null) {
                stats.talked(c.session().line(), ports.runner().clock().instant(), java.time.Duration.ofSeconds(Long.parseLong(duration)));
            }
            return null;
        });
    }

    /** A verified request about the call to a worker's phone: its form, the conversation and the worker it is for. */
    private record WorkerRequest(FormBody form, String conversation, String worker) {}

    /** The request, or null when it was refused (403 forged, 400 malformed; answered here). */
    private WorkerRequest workerRequest(RoutingContext ctx, String endpoint) {
        try {
            FormBody form = TwilioWebhooks.verified(ctx, settings, signature);
            WorkerRequest req = new WorkerRequest(form, VoiceCall.ourId(ctx.queryParam(VoiceWebhooks.CONVERSATION), VoiceWebhooks.CONVERSATION),
                    VoiceCall.ourId(ctx.queryParam(WORKER), WORKER));
            VoiceCall.callSid(form);
            return req;
        } catch (WebhookRefusal r) {
            TwilioWebhooks.refuse(ctx, metrics, endpoint, r);
            return null;
        }
    }

    /** The worker still has the conversation, and it is a call (their take-over may have been passed on or closed). */
    private static boolean stillTheirs(Conversation c, String worker) {
        return c != null && c.session().ownership() == Ownership.AGENT && c.handoff() != null
                && c.handoff().state() == Handoff.State.CLAIMED && worker.equals(c.handoff().owner());
    }

    /**
     * Gives the caller back to the queue when they still wait on the line; a caller who hung up meanwhile is not put back
     * in the queue (the conversation stays with the worker, who sees it ended).
     */
    private Future<Void> backIfWaiting(String conversation, String worker) {
        return ports.held().callOf(conversation).compose(call -> call == null ? Future.<Void>succeededFuture() : giveBack(conversation, worker));
    }

    private Future<Void> giveBack(String conversation, String worker) {
        StaffAction.Staff phone = new StaffAction.Staff(worker, "telefoon", false);
        return ports.runner().act(conversation, new StaffAction.GiveBack(phone, worker)).<Void>mapEmpty()
                // Not theirs any more (closed, passed on): nothing to give back.
                .recover(e -> e instanceof nl.omkijken.handoff.HandoffRefused ? Future.succeededFuture() : Future.failedFuture(e));
    }

    private String offer(String action) {
        Gather gather = new Gather.Builder().inputs(List.of(Gather.Input.DTMF)).numDigits(1)
                .action(settings.publicBaseUrl() + action).method(HttpMethod.POST)
                .timeout((int) Math.max(1, voice.listenFor().toSeconds())).actionOnEmptyResult(true)
                .say(say(texts.worker().offer().in("nl"), "nl")).build();
        return new VoiceResponse.Builder().gather(gather).build().toXml();
    }

    private String say(nl.omkijken.engine.Localized text, boolean hangUp) {
        return sayIn(text, "nl", hangUp);
    }

    private String sayIn(nl.omkijken.engine.Localized text, String language, boolean hangUp) {
        VoiceResponse.Builder r = new VoiceResponse.Builder().say(say(text.in(language), language));
        if (hangUp) r.hangup(new Hangup.Builder().build());
        return r.build().toXml();
    }

    /**
     * Both sides in one conference named after the conversation (an opaque id); never recorded. The worker's joining
     * starts it; either side hanging up ends it for both. No text: straight in.
     */
    private String conference(nl.omkijken.engine.Localized text, String language, String conversation, boolean worker) {
        return conference(text, language, conversation, worker, null);
    }

    private String conference(nl.omkijken.engine.Localized text, String language, String conversation, boolean worker, String waitUrl) {
        Conference.Builder b = new Conference.Builder("omk-" + conversation).startConferenceOnEnter(worker).endConferenceOnExit(true)
                .beep(Conference.Beep.FALSE).record(Conference.Record.DO_NOT_RECORD);
        if (waitUrl != null) b.waitUrl(waitUrl).waitMethod(HttpMethod.POST);
        Conference room = b.build();
        VoiceResponse.Builder r = new VoiceResponse.Builder();
        if (text != null) r.say(say(text.in(language), language));
        return r.dial(new Dial.Builder().conference(room).build()).build().toXml();
    }

    /** A text as the phone says it everywhere (voice, language, rate, numbers spelled out): VoiceTwiml's. */
    private Say say(String text, String language) {
        return VoiceTwiml.say(new nl.omkijken.channels.CallFlow.Spoken(language, text), voice);
    }

    private synchronized TwilioCalls calls(String line) {
        return callsByLine.computeIfAbsent(line == null ? "" : line, l -> new TwilioCalls(vertx, client, settings, l));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void failed(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status >= 400 && status < 500) {
            TwilioWebhooks.refuse(ctx, metrics, "voice_bridge", new WebhookRefusal(status, "unreadable", "the request could not be read"));
        } else {
            log.error("voice bridge webhook failed error={}", ctx.failure() == null ? "-" : ctx.failure().getClass().getSimpleName());
            xml(ctx, "<Response><Hangup/></Response>");
        }
    }

    private static void xml(RoutingContext ctx, String twiml) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(200).putHeader("Content-Type", "text/xml; charset=utf-8").end(twiml);
    }
}
