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
    static final String HEARD = "heard";
    private static final BoundedBody BODY = new BoundedBody(TwilioWebhooks.MAX_BODY);

    private final TwilioSettings settings;
    private final VoiceSettings voice;
    private final TwilioSignature signature;
    private final CallFlow flow;
    private final People people;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Pseudonym pseudonym;

    VoiceWebhooks(TwilioSettings settings, VoiceSettings voice, TurnRunner runner, People people, Clock clock,
                  MeterRegistry metrics, Pseudonym pseudonym) {
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
    }

    private void call(RoutingContext ctx) {
        VoiceCall call;
        Integer heard;
        try {
            call = VoiceCall.parse(TwilioWebhooks.verified(ctx, settings, signature), settings);
            heard = heard(ctx.queryParam(HEARD));
        } catch (WebhookRefusal r) {
            refuse(ctx, "voice", r);
            return;
        }
        Future<String> twiml;
        try {
            twiml = answer(call, heard);
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
                    ? flow.answer(known, VoiceCall.CHANNEL, call.line(), null, Map.of())
                    : flow.heard(known, VoiceCall.CHANNEL, call.line(), call.answer(), heard, call.callSid(), clock.instant());
            return said.map(s -> twiml(s, s.ends() ? 0 : s.listening().silences()));
        });
    }

    /** The TwiML of what the caller hears; a question's Gather posts back here with the silences so far. */
    private String twiml(CallFlow.Said said, int silences) {
        List<VoiceTwiml.Spoken> texts = said.texts().stream().map(t -> new VoiceTwiml.Spoken(t.language(), t.text())).toList();
        VoiceTwiml.Listen listen = said.ends() ? null : new VoiceTwiml.Listen(said.language(),
                settings.publicBaseUrl() + VOICE_PATH + "?" + HEARD + "=" + Math.min(silences, 9),
                said.listening().digits(), said.listening().labels());
        return VoiceTwiml.render(new VoiceTwiml.Answer(texts, listen), voice);
    }

    private void status(RoutingContext ctx) {
        VoiceCall call;
        try {
            call = VoiceCall.parse(TwilioWebhooks.verified(ctx, settings, signature), settings);
        } catch (WebhookRefusal r) {
            refuse(ctx, "voice_status", r);
            return;
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
                    : flow.ended(known).mapEmpty());
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
        metrics.counter("omk_webhook_refused_total", "channel", "twilio", "reason", r.label).increment();
        count(endpoint, "refused_" + r.status);
        if (r.status == 403) log.warn("twilio {} webhook refused reason={}", endpoint, r.label);
        else log.info("twilio {} webhook refused status={} reason={}", endpoint, r.status, r.label);
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(r.status).putHeader("Content-Type", "text/plain; charset=utf-8").end(r.getMessage());
    }

    private void count(String endpoint, String outcome) {
        metrics.counter("omk_webhook_requests_total", "channel", "twilio", "endpoint", endpoint, "outcome", outcome).increment();
    }

    private static void xml(RoutingContext ctx, String twiml) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(200).putHeader("Content-Type", "text/xml; charset=utf-8").end(twiml);
    }
}
