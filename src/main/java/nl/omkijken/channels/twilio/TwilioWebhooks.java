package nl.omkijken.channels.twilio;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import nl.omkijken.channels.http.BoundedBody;
import nl.omkijken.runner.DeliveryStatusStore;
import nl.omkijken.runner.Inbound;
import nl.omkijken.runner.InboundQueue;
import nl.omkijken.runner.Outbound;
import nl.omkijken.runner.OutboxAppender;
import nl.omkijken.runner.OutboxDispatcher;
import nl.omkijken.runner.Pseudonym;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio's webhooks: incoming SMS and WhatsApp messages, and delivery status callbacks.
 *
 * <p>Every request goes through the same gate before anything is stored: at most 64 KiB (413), a
 * UTF-8 form (400), a valid {@code X-Twilio-Signature} over the public URL (403) and our AccountSid
 * (403). Only then is a message offered to the durable inbound queue; the 200 with an empty TwiML
 * {@code <Response/>} follows only after the offer succeeded (a redelivered MessageSid is DUPLICATE:
 * also 200, no second turn). When the queue fails, 503, so nothing acknowledged is ever lost.
 *
 * <p>Status callbacks move the message's delivery status forward only ({@link DeliveryStatusStore});
 * error 21610 or 63014 marks the person opted out; 63016 on a WhatsApp reply puts "the approved
 * template in place of that reply" onto the outbox, once per reply, before the callback is answered.
 */
public final class TwilioWebhooks {
    private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);
    public static final String MESSAGING_PATH = "/webhooks/twilio/messaging";
    public static final String STATUS_PATH = "/webhooks/twilio/status";
    static final int MAX_BODY = 64 * 1024;
    static final String OUTBOUND_PARAM = "outbound";
    static final String TEMPLATE_PARAM = "template";
    /** Our id of a template entry is this prefix and the id of the reply it stands in for. */
    static final String TEMPLATE_ID_PREFIX = "template-";
    private static final String EMPTY_TWIML = "<Response/>";
    private static final String METRIC_CHANNEL = "twilio";
    /** Reads the raw body only: the form is parsed strictly by {@link FormBody}, the query never by Vert.x. */
    private static final BoundedBody BODY = new BoundedBody(MAX_BODY);

    private final TwilioSettings settings;
    private final TwilioSignature signature;
    private final InboundQueue queue;
    private final DeliveryStatusStore deliveries;
    private final nl.omkijken.channels.AddressOptOut optOuts;
    private final OutboxAppender outbox;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Pseudonym pseudonym;

    TwilioWebhooks(TwilioSettings settings, InboundQueue queue, DeliveryStatusStore deliveries,
                   nl.omkijken.channels.AddressOptOut optOuts, OutboxAppender outbox, Clock clock, MeterRegistry metrics,
                   Pseudonym pseudonym) {
        this.settings = settings;
        this.signature = new TwilioSignature(settings.authToken(), settings.publicBaseUrl());
        this.queue = queue;
        this.deliveries = deliveries;
        this.optOuts = optOuts;
        this.outbox = outbox;
        this.clock = clock;
        this.metrics = metrics;
        this.pseudonym = pseudonym;
    }

    public void mount(Router router) {
        router.post(MESSAGING_PATH)
                .handler(BODY)
                .handler(ctx -> gate(ctx, "messaging", form -> message(ctx, form)))
                .failureHandler(ctx -> failed(ctx, "messaging"));
        router.post(STATUS_PATH)
                .handler(BODY)
                .handler(ctx -> gate(ctx, "status", form -> status(ctx, form)))
                .failureHandler(ctx -> failed(ctx, "status"));
    }

    private interface Verified {
        Future<String> handle(FormBody form);
    }

    /** Checks the request, then runs the endpoint; the future's value is the outcome label. */
    private void gate(RoutingContext ctx, String endpoint, Verified next) {
        Future<String> outcome;
        try {
            outcome = next.handle(verified(ctx));
        } catch (RuntimeException e) {
            outcome = Future.failedFuture(e);
        }
        outcome.onComplete(ar -> {
            if (ar.succeeded()) {
                count(endpoint, ar.result());
                twiml(ctx);
            } else if (ar.cause() instanceof WebhookRefusal r) {
                refuse(ctx, endpoint, r);
            } else if (ar.cause() instanceof WebhookIgnored i) {
                metrics.counter("omk_webhook_ignored_total", "channel", METRIC_CHANNEL, "kind", i.kind).increment();
                count(endpoint, "ignored");
                twiml(ctx);
            } else {
                // The queue or Redis failed: not acknowledged, so Twilio may retry (or the fallback URL answers).
                log.warn("twilio {} webhook not handled, answering 503 error={}", endpoint, ar.cause().getClass().getSimpleName());
                count(endpoint, "unavailable");
                plain(ctx, 503, "the service cannot take this message right now");
            }
        });
    }

    private FormBody verified(RoutingContext ctx) {
        return verified(ctx, settings, signature);
    }

    /**
     * The gate every Twilio webhook passes (messaging, status, voice): a UTF-8 form, a valid signature over
     * the public URL with its query, and our AccountSid; refused with {@link WebhookRefusal} otherwise.
     */
    static FormBody verified(RoutingContext ctx, TwilioSettings settings, TwilioSignature signature) {
        FormBody.requireFormContentType(ctx.request().getHeader("Content-Type"));
        FormBody form = FormBody.parse(BoundedBody.of(ctx).getBytes());
        signature.verify(ctx.request().path(), ctx.request().query(), form.asMap(),
                ctx.request().getHeader(TwilioSignature.HEADER));
        if (!settings.accountSid().equals(form.get("AccountSid"))) {
            throw WebhookRefusal.forbidden("account", "AccountSid is not this service's account");
        }
        return form;
    }

    private Future<String> message(RoutingContext ctx, FormBody form) {
        Inbound in = InboundMessageForm.parse(form, settings, clock.instant());
        return queue.offer(in).map(offer -> {
            boolean fresh = offer == InboundQueue.Offer.ACCEPTED;
            log.debug("twilio message {} sid={} channel={} line={} sender={}", fresh ? "queued" : "was a repeat",
                    in.providerId(), in.channel(), in.line(), pseudonym.of(in.from().identity()));
            return fresh ? "accepted" : "duplicate";
        });
    }

    private Future<String> status(RoutingContext ctx, FormBody form) {
        String query = ctx.request().query();
        StatusCallbackForm cb = StatusCallbackForm.parse(form,
                FormBody.parse(query == null ? new byte[0] : query.getBytes(StandardCharsets.UTF_8)));
        return deliveries.advance(cb.messageSid(), cb.status(), cb.errorCode(), cb.outboundId(), clock.instant())
                .compose(changed -> optOutIfAsked(cb).map(changed))
                .compose(changed -> templateIfAsked(cb).map(changed))
                .map(changed -> changed ? "recorded" : "stale");
    }

    /**
     * 21610 (STOP at Twilio) and 63014 (blocked in the channel): the person does not want our
     * messages; mirror it, also on a repeated callback (marking is idempotent).
     */
    private Future<Void> optOutIfAsked(StatusCallbackForm cb) {
        if (!SendErrors.isOptOut(cb.errorCode()) || cb.address() == null) {
            return Future.succeededFuture();
        }
        String channel = cb.whatsapp() ? TwilioAddress.WHATSAPP : TwilioAddress.SMS;
        log.info("delivery callback says the person opted out sid={} code={} sender={}", cb.messageSid(),
                cb.errorCode(), pseudonym.of(cb.address().identity()));
        return optOuts.optOut(cb.address(), channel + "_" + cb.errorCode()).mapEmpty();
    }

    /**
     * 63016 usually comes here, not from the API call: Twilio accepts the message and fails it
     * afterwards. The template goes through the outbox (durable, retried like any reply), appended
     * before this callback is answered; the append is keyed by our reply id, so a repeated or racing
     * callback, or the 63016 of each part of a split reply, adds no second one. A template's own
     * callback is marked template=1 and never asks for another. A message we did not send (no
     * outbound id in its callback URL) gets no template.
     */
    private Future<Void> templateIfAsked(StatusCallbackForm cb) {
        if (!String.valueOf(SendErrors.OUTSIDE_WINDOW).equals(cb.errorCode()) || cb.template() || !cb.whatsapp()
                || cb.ours() == null || cb.outboundId() == null) {
            return Future.succeededFuture();
        }
        TwilioAddress address;
        try {
            address = new TwilioAddress(cb.theirs(), cb.ours());
        } catch (IllegalArgumentException e) {
            return Future.succeededFuture();
        }
        // The template goes to the conversation of the person's address, like any reply: by conversation id
        // and the address's key; the outbox looks the address up when it sends.
        return optOuts.people().find(address.address()).compose(known -> {
            if (known == null) return Future.<Void>succeededFuture();
            Outbound template = new Outbound(TEMPLATE_ID_PREFIX + cb.outboundId(), known.conversationId(),
                    TwilioAddress.WHATSAPP, known.addressKey(), "", List.of(), clock.instant(), cb.outboundId());
            return outbox.appendOnce(TEMPLATE_ID_PREFIX + cb.outboundId(), template).map(added -> {
                if (added) {
                    metrics.counter("omk_twilio_template_fallbacks_total", "channel", TwilioAddress.WHATSAPP).increment();
                    log.info("reply outside the WhatsApp 24-hour window, template queued in its place sid={} outbound={} conversation={}",
                            cb.messageSid(), cb.outboundId(), pseudonym.of(known.conversationId()));
                }
                return null;
            });
        });
    }

    /** Body limit (413) and anything the body reader refused (4xx with its reason); never a 500. */
    private void failed(RoutingContext ctx, String endpoint) {
        int status = ctx.statusCode();
        String reason = ctx.failure() instanceof BoundedBody.Refused r ? r.getMessage() : null;
        if (status == 413) {
            refuse(ctx, endpoint, new WebhookRefusal(413, "too_large",
                    reason != null ? reason : "request body is over " + MAX_BODY / 1024 + " KiB"));
        } else if (status >= 400 && status < 500) {
            refuse(ctx, endpoint, new WebhookRefusal(status, "unreadable", reason != null ? reason : "the request could not be read"));
        } else {
            log.error("twilio {} webhook failed error={}", endpoint,
                    ctx.failure() == null ? "-" : ctx.failure().getClass().getSimpleName());
            count(endpoint, "unavailable");
            plain(ctx, 503, "the service cannot take this message right now");
        }
    }

    private void refuse(RoutingContext ctx, String endpoint, WebhookRefusal r) {
        refuse(ctx, metrics, endpoint, r);
    }

    /** A refused Twilio webhook (messaging, status, voice): counted, logged by reason only, answered with its status. */
    static void refuse(RoutingContext ctx, MeterRegistry metrics, String endpoint, WebhookRefusal r) {
        metrics.counter("omk_webhook_refused_total", "channel", METRIC_CHANNEL, "reason", r.label).increment();
        count(metrics, endpoint, "refused_" + r.status);
        if (r.status == 403) log.warn("twilio {} webhook refused reason={}", endpoint, r.label);
        else log.info("twilio {} webhook refused status={} reason={}", endpoint, r.status, r.label);
        plain(ctx, r.status, r.getMessage());
    }

    private void count(String endpoint, String outcome) {
        count(metrics, endpoint, outcome);
    }

    static void count(MeterRegistry metrics, String endpoint, String outcome) {
        metrics.counter("omk_webhook_requests_total", "channel", METRIC_CHANNEL, "endpoint", endpoint, "outcome", outcome)
                .increment();
    }

    private static void twiml(RoutingContext ctx) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(200).putHeader("Content-Type", "text/xml; charset=utf-8").end(EMPTY_TWIML);
    }

    private static void plain(RoutingContext ctx, int status, String reason) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(reason);
    }
}
