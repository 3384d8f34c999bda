package nl.omkijken.channels.twilio;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.omkijken.channels.http.BoundedBody;
import nl.omkijken.engine.Event;
import nl.omkijken.engine.Localized;
import nl.omkijken.engine.Ownership;
import nl.omkijken.engine.PhoneTexts;
import nl.omkijken.people.People;
import nl.omkijken.runner.Inbound;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.TurnResult;
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
    /** The repeat key; no dialog route may use it (StepReader). */
    static final String REPEAT = "9";
    private static final BoundedBody BODY = new BoundedBody(TwilioWebhooks.MAX_BODY);

    private final TwilioSettings settings;
    private final VoiceSettings voice;
    private final TwilioSignature signature;
    private final TurnRunner runner;
    private final People people;
    private final PhoneTexts texts;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Pseudonym pseudonym;

    VoiceWebhooks(TwilioSettings settings, VoiceSettings voice, TurnRunner runner, People people, Clock clock,
                  MeterRegistry metrics, Pseudonym pseudonym) {
        this.settings = settings;
        this.voice = voice;
        this.signature = new TwilioSignature(settings.authToken(), settings.publicBaseUrl());
        this.runner = runner;
        this.people = people;
        this.texts = runner.engine().dialogs().phone();
        if (!texts.present()) {
            throw new IllegalArgumentException("the phone needs its texts: add phone.yaml to the dialogs folder (see docs/DIALOGS.md)");
        }
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
                xml(ctx, bilingual(texts.trouble()));
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
            return Future.succeededFuture(bilingual(texts.notByPhone()));
        }
        return people.resolve(call.person()).compose(known -> {
            String conversation = known.conversationId();
            log.debug("voice call={} line={} heard={} caller={}", call.callSid(), call.line(), heard, pseudonym.of(conversation));
            if (heard == null) {
                return runner.begin(conversation, VoiceCall.CHANNEL, known.addressKey(), call.line(), null, Map.of(), null, true)
                        .map(r -> said(r, 0, null));
            }
            String answer = call.answer();
            if (REPEAT.equals(answer)) return runner.repeat(conversation).map(r -> said(r, 0, null));
            if (answer != null) {
                Inbound in = new Inbound(conversation, VoiceCall.CHANNEL, known.addressKey(), call.line(), null, answer,
                        call.callSid(), clock.instant());
                return runner.handleInline(in).map(r -> said(r, 0, null));
            }
            // Nothing heard: the question once more, then the step's own silence.
            if (heard == 0) return runner.repeat(conversation).map(r -> said(r, 1, texts.notHeard()));
            return runner.silence(conversation).map(r -> said(r, 0, null));
        });
    }

    /**
     * The TwiML of a turn: its texts as the phone says them; listening when the conversation waits for an
     * answer, else a goodbye of the dialog's own and the end of the call.
     *
     * @param silences how many times in a row nothing was heard, for the next action
     * @param before   said first (the "didn't hear anything"), or null
     */
    private String said(TurnResult r, int silences, Localized before) {
        if (r == null) return VoiceTwiml.render(VoiceTwiml.Answer.in("nl", List.of(texts.hangUp().in("nl")), null), voice);
        String language = r.session().language();
        List<String> say = new ArrayList<>();
        if (before != null) say.add(before.in(language));
        List<String> digits = List.of();
        List<String> hints = List.of();
        for (Event.Reply reply : r.replies()) {
            say.add(reply.forPhone());
            if (!reply.buttons().isEmpty()) {
                digits = reply.buttons().stream().map(Event.Button::digit).filter(d -> d != null).toList();
                hints = reply.buttons().stream().map(Event.Button::label).toList();
            }
        }
        if (runner.engine().awaitsAnswer(r.session())) {
            say.add(texts.repeatHint().in(language));
            String action = settings.publicBaseUrl() + VOICE_PATH + "?" + HEARD + "=" + Math.min(silences, 9);
            return VoiceTwiml.render(VoiceTwiml.Answer.in(language, say, new VoiceTwiml.Listen(language, action, digits, hints)), voice);
        }
        if (r.replies().isEmpty()) {
            // Nothing more the dialog does in this call: a request still open, or a silence that ends it.
            boolean waiting = r.session().ownership() == Ownership.WAITING || r.session().ownership() == Ownership.AGENT;
            say.add((waiting ? texts.alreadyWaiting() : texts.hangUp()).in(language));
        }
        return VoiceTwiml.render(VoiceTwiml.Answer.in(language, say, null), voice);
    }

    /** Said in Dutch, then in English (a caller we know nothing of), then the end of the call. */
    private String bilingual(Localized text) {
        return VoiceTwiml.render(new VoiceTwiml.Answer(List.of(new VoiceTwiml.Spoken("nl", text.in("nl")),
                new VoiceTwiml.Spoken("en", text.in("en"))), null), voice);
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
        count("voice_status", "recorded");
        xml(ctx, "<Response/>");
    }

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
            xml(ctx, bilingual(texts.trouble()));
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
