package nl.omkijken.channels.twilio;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import nl.omkijken.channels.CallFlow;
import nl.omkijken.channels.http.BoundedBody;
import nl.omkijken.people.People;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.TurnRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio Voice: a call to a line's number is a conversation like a message, said instead of written.
 *
 * <p>{@code POST /webhooks/twilio/voice} is the number's "a call comes in" URL: the line's entry dialog
 * begins (the Telefooncirkel: the check-in) and its texts are the TwiML of the answer. Every question
 * listens for a key or speech ({@link VoiceTwiml}); what was heard comes back to the same path with
 * {@code ?heard=N} (N: silences so far) and is one turn of the conversation, under its lock like any
 * message, through the same understanding (crisis included). 9 says the question again. Silence says
 * "I didn't hear anything" and the question once more; a second silence is the step's own silence
 * ({@code no_input}) at once, as a timer would be after its time on a text channel. A turn's texts are
 * said in the call and written to the transcript, never to the outbox. When the service fails, the caller
 * hears that, with the helplines, never a dead line.
 *
 * <p>{@code POST /webhooks/twilio/voice/status} takes the call's progress (counted per status). Both pass
 * the same gate as messaging: a valid signature over the public URL, our account (403), a readable form (400).
 */
final class VoiceWebhooks {
    private static final Logger log = LoggerFactory.getLogger(VoiceWebhooks.class);
    static final String VOICE_PATH = "/webhooks/twilio/voice";
    static final String STATUS_PATH = "/webhooks/twilio/voice/status";
    /** A caller on hold: Twilio's waitUrl (the wait's next turn) and the queue's action (the caller left the queue). */
    static final String WAIT_PATH = "/webhooks/twilio/voice/wait";
    static final String WAIT_HEARD_PATH = "/webhooks/twilio/voice/wait/heard";
    static final String QUEUED_PATH = "/webhooks/twilio/voice/queued";
    static final String CONVERSATION = "conversation";
    /** Twilio's QueueResult values when a call left a queue. */
    static final java.util.Set<String> QUEUE_RESULTS = java.util.Set.of("bridged", "bridging-in-process", "queue-full", "redirected",
            "hangup", "error", "system-error", "leave");
    static final String HEARD = "heard";
    private static final BoundedBody BODY = new BoundedBody(TwilioWebhooks.MAX_BODY);

    private final TwilioSettings settings;
    private final VoiceSettings voice;
    private final TwilioSignature signature;
    private final CallFlow flow;
    private final People people;
    /** The Telefooncirkel's participants, to greet a daily call's participant by name; null without them. */
    private final nl.omkijken.circle.Participants participants;
    /** Where a daily call that did not reach its participant goes (the ladder); null until wired. */
    private volatile nl.omkijken.circle.CallOutcomes outcomes;

    void callOutcomes(nl.omkijken.circle.CallOutcomes outcomes) {
        this.outcomes = outcomes;
    }
    private final Clock clock;
    /** The calls of callers waiting on the line, for a worker's take-over to put through; null: not kept. */
    private final nl.omkijken.runner.HeldCalls held;
    private final MeterRegistry metrics;
    private final Pseudonym pseudonym;

    VoiceWebhooks(TwilioSettings settings, VoiceSettings voice, TurnRunner runner, People people,
                  nl.omkijken.circle.Participants participants, Clock clock, MeterRegistry metrics, Pseudonym pseudonym,
                  nl.omkijken.runner.HeldCalls held) {
        this.held = held;
        this.participants = participants;
        this.settings = settings;
        this.voice = voice;
        this.signature = new TwilioSignature(settings.authToken(), settings.publicBaseUrl());
        this.flow = new CallFlow(runner);
        this.people = people;
        this.clock = clock;
        this.metrics = metrics;
        this.pseudonym = pseudonym;
    }

    void mount(Router router) {
        router.post(VOICE_PATH).handler(BODY).handler(this::call).failureHandler(ctx -> failed(ctx, "voice"));
        router.post(STATUS_PATH).handler(BODY).handler(this::status).failureHandler(ctx -> failed(ctx, "voice_status"));
        router.post(WAIT_PATH).handler(BODY).handler(this::waitTurn).failureHandler(ctx -> failed(ctx, "voice_wait"));
        router.post(WAIT_HEARD_PATH).handler(BODY).handler(this::heardOnHold).failureHandler(ctx -> failed(ctx, "voice_wait_heard"));
        router.post(QUEUED_PATH).handler(BODY).handler(this::queued).failureHandler(ctx -> failed(ctx, "voice_queued"));
    }

    private void call(RoutingContext ctx) {
        VoiceCall call;
        Integer heard;
        String participant;
        String contact;
        String answeredBy;
        try {
            FormBody form = TwilioWebhooks.verified(ctx, settings, signature);
            call = VoiceCall.parse(form, settings);
            heard = heard(ctx.queryParam(HEARD));
            participant = participant(ctx.queryParam(TwilioCalls.PARTICIPANT));
            contact = contact(ctx.queryParam(TwilioCalls.CONTACT));
            answeredBy = form.get("AnsweredBy");
        } catch (WebhookRefusal r) {
            refuse(ctx, "voice", r);
            return;
        }
        // A daily call that reached an answering machine or a fax: nothing is said; it counts as not reached.
        if (heard == null && answeredBy != null && (answeredBy.startsWith("machine") || answeredBy.equals("fax"))) {
            metrics.counter("omk_calls_total", "line", call.line(), "status", "machine").increment();
            count("voice", "machine");
            xml(ctx, "<Response><Hangup/></Response>");
            return;
        }
        Future<String> twiml;
        try {
            twiml = heard == null && participant != null
                    ? (contact != null ? greetContact(call, participant, contact) : greet(call, participant))
                    : answer(call, heard);
        } catch (RuntimeException e) {
            twiml = Future.failedFuture(e);
        }
        twiml.onComplete(ar -> {
            if (ar.succeeded()) {
                count("voice", heard == null ? "answered" : "heard");
                xml(ctx, ar.result());
            } else {
                // Redis down, the conversation locked elsewhere: the caller hears it, with the helplines.
                log.warn("voice turn failed, the caller hears the trouble text call={} error={}", call.callSid(),
                        ar.cause().getClass().getSimpleName());
                count("voice", "trouble");
                xml(ctx, twiml(flow.trouble(), 0));
            }
        });
    }

    /** A participant's id from a daily call's answer URL; null when the call came in. */
    private static String participant(List<String> values) {
        if (values.isEmpty()) return null;
        String v = values.get(0);
        if (values.size() > 1 || !v.matches("[A-Za-z0-9_-]{1,64}")) throw WebhookRefusal.badRequest("invalid_field", "participant is not an id");
        return v;
    }

    /**
     * A daily call the participant answered: the check-in greets them by name, in their language. A participant
     * removed since, or a number that is no longer theirs, hears the check-in without a name.
     */
    private Future<String> greet(VoiceCall call, String participantId) {
        if (participants == null) return answer(call, null);
        return participants.byId(participantId).compose(p -> {
            if (p == null || !p.phone().equals(call.person().handle())) return answer(call, null);
            nl.omkijken.circle.CallOutcomes o = outcomes;
            if (o != null) o.reached(p.id());
            return people.resolve(call.person()).compose(known -> flow.answer(known, VoiceCall.CHANNEL, call.line(), p.language(),
                    Map.of("first_name", p.firstName()))).map(s -> twiml(s, 0));
        });
    }

    /** Which helper of a participant a call is to (contact, key_holder); null on the participant's own calls. */
    private static String contact(List<String> values) {
        if (values.isEmpty()) return null;
        String v = values.get(0);
        if (values.size() > 1 || !(v.equals(nl.omkijken.circle.ContactSteps.CONTACT) || v.equals(nl.omkijken.circle.ContactSteps.KEY_HOLDER))) {
            throw WebhookRefusal.badRequest("invalid_field", "contact is contact or key_holder");
        }
        return v;
    }

    /**
     * A contact person or key holder answered the ladder's call: the contact dialog asks them, by their name, about
     * the participant, in the participant's language; what they say is kept on them for the ladder. Someone else
     * on the number (the participant removed or changed since) hears the line's own welcome.
     */
    private Future<String> greetContact(VoiceCall call, String participantId, String role) {
        if (participants == null) return answer(call, null);
        return participants.byId(participantId).compose(p -> {
            nl.omkijken.circle.Participant.Person who = p == null ? null : nl.omkijken.circle.ContactSteps.person(p, role);
            if (who == null || !who.phone().equals(call.person().handle())) return answer(call, null);
            return people.resolve(call.person()).compose(known -> flow.answer(known, VoiceCall.CHANNEL, call.line(), p.language(),
                    nl.omkijken.channels.checkin.DialogContactAlert.fields(p, who), nl.omkijken.channels.checkin.DialogContactAlert.DIALOG)).map(s -> twiml(s, 0));
        });
    }

    /** The silences so far, from the Gather's action; null on the first request of a call. */
    private static Integer heard(List<String> values) {
        if (values.isEmpty()) return null;
        String v = values.get(0);
        if (values.size() > 1 || !v.matches("[0-9]")) throw WebhookRefusal.badRequest("invalid_field", HEARD + " must be one digit");
        return Integer.parseInt(v);
    }

    private Future<String> answer(VoiceCall call, Integer heard) {
        if (!voice.answers(call.line())) {
            count("voice", "not_by_phone");
            return Future.succeededFuture(twiml(flow.notByPhone(), 0));
        }
        return people.resolve(call.person()).compose(known -> {
            log.debug("voice call={} line={} heard={} caller={}", call.callSid(), call.line(), heard,
                    pseudonym.of(known.conversationId()));
            Future<CallFlow.Said> said = heard == null
                    ? flow.answer(known, VoiceCall.CHANNEL, call.line(), null, callerFields(call))
                    : flow.heard(known, VoiceCall.CHANNEL, call.line(), call.answer(), heard, call.callSid(), clock.instant());
            return said.compose(s -> (s.hold() && held != null ? held.held(known.conversationId(), call.callSid()) : Future.<Void>succeededFuture())
                    .map(v -> twiml(s, s.listening() == null ? 0 : s.listening().silences(), call.line(), known.conversationId())));
        });
    }

    /**
     * What the call itself tells of the caller: that they call from a number we can call back (not withheld), so "bel me
     * terug op dit nummer" can be offered without asking for it. The number itself stays in the person's record only;
     * the console shows it to staff who call back.
     */
    private static Map<String, String> callerFields(VoiceCall call) {
        String handle = call.person().handle();
        return call.person().replyTo() != null && handle.startsWith("+") ? Map.of("calls_from", nl.omkijken.engine.Contact.CALLS_FROM)
                : Map.of();
    }

    /** The TwiML of what the caller hears; a question's Gather posts back here with the silences so far. */
    private String twiml(CallFlow.Said said, int silences) {
        if (said.hold()) throw new IllegalStateException("a held call needs its conversation and line");
        return twiml(said, silences, null, null);
    }

    /** As above; a caller who waits on the line goes into Twilio's queue of the line, whose turns come back here. */
    private String twiml(CallFlow.Said said, int silences, String line, String conversation) {
        String base = settings.publicBaseUrl();
        VoiceTwiml.Listen listen = said.listening() == null ? null : new VoiceTwiml.Listen(said.language(),
                base + VOICE_PATH + "?" + HEARD + "=" + Math.min(silences, 9),
                said.listening().digits(), said.listening().labels());
        VoiceTwiml.Queue queue = said.hold() ? new VoiceTwiml.Queue(line,
                base + WAIT_PATH + "?" + CONVERSATION + "=" + conversation, base + QUEUED_PATH + "?" + CONVERSATION + "=" + conversation)
                : null;
        return VoiceTwiml.render(new VoiceTwiml.Answer(said.texts(), listen, queue), voice);
    }

    /**
     * Twilio's waitUrl for a caller on hold: where they stand, then a pause (Twilio asks again after it); or leaving the
     * queue when the offer of a way forward is due or the wait is over. The request names the conversation in its
     * (signed) URL. When the conversation cannot be read, the caller keeps waiting: never a dead line.
     */
    private void waitTurn(RoutingContext ctx) {
        String conversation;
        try {
            FormBody form = TwilioWebhooks.verified(ctx, settings, signature);
            VoiceCall.callSid(form);
            conversation = VoiceCall.ourId(ctx.queryParam(CONVERSATION), CONVERSATION);
        } catch (WebhookRefusal r) {
            refuse(ctx, "voice_wait", r);
            return;
        }
        Future<CallFlow.Waited> waited;
        try {
            waited = flow.waitTurn(conversation);
        } catch (RuntimeException e) {
            waited = Future.failedFuture(e);
        }
        waited.onComplete(ar -> {
            if (ar.succeeded()) {
                count("voice_wait", ar.result().leave() ? "leave" : "place");
                xml(ctx, VoiceTwiml.waiting(ar.result().texts(), ar.result().leave(), voice, heardUrl(conversation)));
            } else {
                log.warn("wait turn failed, the caller keeps waiting error={}", ar.cause().getClass().getSimpleName());
                count("voice_wait", "trouble");
                xml(ctx, VoiceTwiml.waiting(List.of(), false, voice, heardUrl(conversation)));
            }
        });
    }

    /** Where the wait's Gather posts what it heard. */
    private String heardUrl(String conversation) {
        return settings.publicBaseUrl() + WAIT_HEARD_PATH + "?" + CONVERSATION + "=" + conversation;
    }

    /**
     * Keys or words heard while waiting in the queue (the wait's Gather): a turn of the conversation, whose texts are said
     * in the queue; a question, or the end of the wait, takes the caller out of the queue (the queue's action says it).
     * When the turn fails, the caller hears that it did not come through (with the helplines) and keeps waiting.
     */
    private void heardOnHold(RoutingContext ctx) {
        String conversation;
        String callSid;
        String answer;
        try {
            FormBody form = TwilioWebhooks.verified(ctx, settings, signature);
            callSid = VoiceCall.callSid(form);
            answer = VoiceCall.heard(form);
            conversation = VoiceCall.ourId(ctx.queryParam(CONVERSATION), CONVERSATION);
        } catch (WebhookRefusal r) {
            refuse(ctx, "voice_wait_heard", r);
            return;
        }
        Future<CallFlow.Waited> waited;
        try {
            // The URL is ours and signed by Twilio with its query: the conversation is the one this call waits in.
            waited = flow.heardOnHold(conversation, answer, callSid, clock.instant());
        } catch (RuntimeException e) {
            waited = Future.failedFuture(e);
        }
        waited.onComplete(ar -> {
            if (ar.succeeded()) {
                count("voice_wait_heard", ar.result().leave() ? "leave" : "said");
                xml(ctx, VoiceTwiml.waiting(ar.result().texts(), ar.result().leave(), voice, heardUrl(conversation)));
            } else {
                log.warn("heard on hold failed, the caller keeps waiting error={}", ar.cause().getClass().getSimpleName());
                count("voice_wait_heard", "trouble");
                // Never silence after they spoke (it may have been a crisis): it did not come through, the helplines, the wait.
                xml(ctx, VoiceTwiml.waiting(flow.notHeardOnHold().texts(), false, voice, heardUrl(conversation)));
            }
        });
    }

    /**
     * The queue's action: the caller left Twilio's queue. {@code leave}: what comes next (the offer of a way forward, or
     * the wait is over); {@code hangup}: the caller hung up while waiting (counted; the wait ends, an urgent one stays for
     * a worker); put through ({@code bridged}, {@code redirected}): nothing more to say here. A queue that could not take
     * the call: the trouble text, with the helplines.
     */
    private void queued(RoutingContext ctx) {
        VoiceCall call;
        String conversation;
        String result;
        try {
            FormBody form = TwilioWebhooks.verified(ctx, settings, signature);
            call = VoiceCall.parse(form, settings);
            conversation = VoiceCall.ourId(ctx.queryParam(CONVERSATION), CONVERSATION);
            result = form.get("QueueResult");
            if (result == null || !QUEUE_RESULTS.contains(result)) {
                throw WebhookRefusal.badRequest("invalid_field", "QueueResult is not one Twilio sends");
            }
        } catch (WebhookRefusal r) {
            refuse(ctx, "voice_queued", r);
            return;
        }
        metrics.counter("omk_call_queue_results_total", "line", call.line(), "result", result).increment();
        Future<String> twiml;
        try {
            twiml = switch (result) {
                case "leave" -> flow.afterQueue(conversation).compose(s -> (s.hold() && held != null
                        ? held.held(conversation, call.callSid()) : Future.<Void>succeededFuture()).map(v -> twiml(s, 0, call.line(), conversation)));
                case "hangup" -> (held == null ? Future.<Void>succeededFuture() : held.gone(conversation))
                        .compose(v -> flow.ended(conversation)).map(r -> "<Response/>");
                case "queue-full", "error", "system-error" -> Future.succeededFuture(twiml(flow.trouble(), 0));
                default -> Future.succeededFuture("<Response/>");
            };
        } catch (RuntimeException e) {
            twiml = Future.failedFuture(e);
        }
        twiml.onComplete(ar -> {
            if (ar.succeeded()) {
                count("voice_queued", result);
                xml(ctx, ar.result());
            } else {
                log.warn("queue action failed call={} error={}", call.callSid(), ar.cause().getClass().getSimpleName());
                count("voice_queued", "trouble");
                xml(ctx, twiml(flow.trouble(), 0));
            }
        });
    }

    private void status(RoutingContext ctx) {
        VoiceCall call;
        String participant;
        int attempt;
        String answeredBy;
        try {
            FormBody form = TwilioWebhooks.verified(ctx, settings, signature);
            call = VoiceCall.parse(form, settings);
            // A call to a participant's helper: its outcome is theirs to tell (their answer, or their silence at the
            // ladder's next step), never the participant's not reached.
            participant = contact(ctx.queryParam(TwilioCalls.CONTACT)) != null ? null : participant(ctx.queryParam(TwilioCalls.PARTICIPANT));
            attempt = attempt(ctx.queryParam(TwilioCalls.ATTEMPT));
            answeredBy = form.get("AnsweredBy");
        } catch (WebhookRefusal r) {
            refuse(ctx, "voice_status", r);
            return;
        }
        if (participant != null && outcomes != null && call.status() != null) {
            // A daily call that did not reach its participant: the ladder's next step, before the callback is answered
            // (a failure is a 503, and Twilio retries the callback).
            boolean machine = "completed".equals(call.status()) && answeredBy != null
                    && (answeredBy.startsWith("machine") || answeredBy.equals("fax"));
            if (NOT_REACHED.contains(call.status()) || machine) {
                metrics.counter("omk_daily_calls_not_reached_total", "why", machine ? "machine" : call.status()).increment();
                Future<Void> next;
                try {
                    next = outcomes.notReached(participant, attempt, machine ? "machine" : call.status());
                } catch (RuntimeException e) {
                    next = Future.failedFuture(e);
                }
                next.onComplete(ar -> {
                    if (ar.succeeded()) {
                        count("voice_status", "not_reached");
                        xml(ctx, "<Response/>");
                    } else {
                        log.warn("daily call's next step not scheduled call={} error={}", call.callSid(), ar.cause().getClass().getSimpleName());
                        count("voice_status", "unavailable");
                        if (!ctx.response().ended()) ctx.response().setStatusCode(503).end();
                    }
                });
                return;
            }
        }
        if (call.status() == null) {
            refuse(ctx, "voice_status", WebhookRefusal.badRequest("missing_field", "CallStatus is required"));
            return;
        }
        metrics.counter("omk_calls_total", "line", call.line(), "status", call.status()).increment();
        log.info("call status call={} line={} status={}", call.callSid(), call.line(), call.status());
        if (!ENDED.contains(call.status()) || !voice.answers(call.line())) {
            count("voice_status", "recorded");
            xml(ctx, "<Response/>");
            return;
        }
        // Hung up on a question: the conversation ends as left, so no follow-up goes out after the call.
        Future<Void> ended;
        try {
            ended = people.find(call.person()).compose(known -> known == null ? Future.succeededFuture()
                    : (held == null ? Future.<Void>succeededFuture() : held.gone(known.conversationId())).compose(g -> flow.ended(known)).compose(r -> {
                        // A daily call answered and hung up before the check-in had its answer: not reached after all.
                        boolean left = r != null && "abandoned".equals(r.session().outcome());
                        return left && participant != null && outcomes != null
                                ? outcomes.notReached(participant, attempt, "hung_up") : Future.<Void>succeededFuture();
                    }).mapEmpty());
        } catch (RuntimeException e) {
            ended = Future.failedFuture(e);
        }
        ended.onComplete(ar -> {
            if (ar.succeeded()) {
                count("voice_status", "recorded");
                xml(ctx, "<Response/>");
            } else {
                // Twilio retries a failed status callback: the end is recorded then.
                log.warn("call end not recorded call={} error={}", call.callSid(), ar.cause().getClass().getSimpleName());
                count("voice_status", "unavailable");
                if (!ctx.response().ended()) ctx.response().setStatusCode(503).end();
            }
        });
    }

    /** A daily call's statuses that mean nobody answered. */
    private static final java.util.Set<String> NOT_REACHED = java.util.Set.of("no-answer", "busy", "failed", "canceled");

    /** Which try of the day a daily call was (1 when the URL does not say). */
    private static int attempt(List<String> values) {
        if (values.isEmpty()) return 1;
        if (values.size() > 1 || !values.get(0).matches("[1-9]")) throw WebhookRefusal.badRequest("invalid_field", "attempt is not 1-9");
        return Integer.parseInt(values.get(0));
    }

    /** The statuses of a call that is over. */
    private static final java.util.Set<String> ENDED = java.util.Set.of("completed", "canceled", "failed", "busy", "no-answer");

    /** Body limit (413) and anything the body reader refused (4xx with its reason); never a 500. */
    private void failed(RoutingContext ctx, String endpoint) {
        int status = ctx.statusCode();
        String reason = ctx.failure() instanceof BoundedBody.Refused r ? r.getMessage() : null;
        if (status == 413) {
            refuse(ctx, endpoint, new WebhookRefusal(413, "too_large", reason != null ? reason : "request body is too large"));
        } else if (status >= 400 && status < 500) {
            refuse(ctx, endpoint, new WebhookRefusal(status, "unreadable", reason != null ? reason : "the request could not be read"));
        } else {
            log.error("twilio {} webhook failed error={}", endpoint, ctx.failure() == null ? "-" : ctx.failure().getClass().getSimpleName());
            count(endpoint, "trouble");
            xml(ctx, twiml(flow.trouble(), 0));
        }
    }

    private void refuse(RoutingContext ctx, String endpoint, WebhookRefusal r) {
        TwilioWebhooks.refuse(ctx, metrics, endpoint, r);
    }

    private void count(String endpoint, String outcome) {
        TwilioWebhooks.count(metrics, endpoint, outcome);
    }

    private static void xml(RoutingContext ctx, String twiml) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(200).putHeader("Content-Type", "text/xml; charset=utf-8").end(twiml);
    }
}
