package nl.omkijken.channels.twilio;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.omkijken.runner.Outbound;
import nl.omkijken.runner.SendFailure;
import nl.omkijken.runner.Sender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends replies over one Twilio channel ("sms" or "whatsapp") with the SDK's
 * {@code Message.creator(to, from, body)}, from our number of the line the person wrote to, with a
 * status callback that names our outbound id. The SDK blocks, so each send runs on a worker thread.
 *
 * <p>Failures become {@link SendFailure}s (see {@link SendErrors}): 21610 and 63014 opted out; 63016
 * (WhatsApp outside the 24-hour window) sends the configured template instead, or fails for good
 * without one; an outbox entry marked {@link Outbound#templateFor} (queued by a 63016 status callback)
 * sends that template;
 * 429 and 5xx retry; other 4xx fail for good; connection refused retries; a timeout after sending is
 * ambiguous and never resent blindly.
 *
 * <p>A reply over 1,600 characters goes out as several messages, in order ({@link MessageSplitter}).
 * When a later part fails with RETRY, the parts already sent are remembered (in this process) so the
 * outbox's retry continues with the next part instead of texting the first one again. Buttons are not
 * sent: the dialogs already write them into the text as digits.
 */
public final class TwilioSender implements Sender {
    private static final Logger log = LoggerFactory.getLogger(TwilioSender.class);
    /** Outbound ids of split replies in progress; bounded, as a retry may never come. */
    private static final int MAX_IN_PROGRESS = 10_000;

    private final Vertx vertx;
    private final String channel;
    private final TwilioSettings settings;
    private final TwilioRestClient client;
    private final TwilioHttpClient http;
    private final MeterRegistry metrics;
    private final Clock clock;
    /** Asks Twilio whether a taken-over reply was sent already; null: never asked. */
    private final TwilioDeliveryCheck deliveryCheck;
    private final Map<String, Integer> partsSent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_IN_PROGRESS;
        }
    };

    TwilioSender(Vertx vertx, String channel, TwilioSettings settings, TwilioRestClient client, TwilioHttpClient http,
                 MeterRegistry metrics, Clock clock) {
        this(vertx, channel, settings, client, http, metrics, clock, null);
    }

    TwilioSender(Vertx vertx, String channel, TwilioSettings settings, TwilioRestClient client, TwilioHttpClient http,
                 MeterRegistry metrics, Clock clock, TwilioDeliveryCheck deliveryCheck) {
        if (!TwilioAddress.SMS.equals(channel) && !TwilioAddress.WHATSAPP.equals(channel)) {
            throw new IllegalArgumentException("a Twilio sender is for sms or whatsapp, not " + channel);
        }
        this.vertx = vertx;
        this.channel = channel;
        this.settings = settings;
        this.client = client;
        this.http = http;
        this.metrics = metrics;
        this.clock = clock;
        this.deliveryCheck = deliveryCheck;
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public Future<String> send(Outbound m) {
        TwilioAddress address;
        try {
            address = TwilioAddress.parse(m.address());
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new SendFailure(SendFailure.Kind.PERMANENT, "address", null,
                    "stored address is not 'theirs|ours': " + e.getMessage()));
        }
        if (!address.channel().equals(channel)) {
            return Future.failedFuture(new SendFailure(SendFailure.Kind.PERMANENT, "address", null,
                    "address is for " + address.channel() + ", not " + channel));
        }
        if (m.isTemplate()) return templateInstead(m, address);
        List<String> parts = MessageSplitter.split(m.text(), MessageSplitter.MAX_BODY);
        if (parts.isEmpty()) {
            return Future.failedFuture(new SendFailure(SendFailure.Kind.PERMANENT, "empty", null, "reply has no text"));
        }
        return vertx.executeBlocking(() -> sendParts(m.id(), address, parts), false);
    }

    /**
     * Whether Twilio already has this reply (see {@link TwilioDeliveryCheck}): its SIDs when it has all
     * its parts; null otherwise, and when only the first parts are there the send goes on with the next
     * part. A template entry is not looked up (its text is Twilio's): it is sent again.
     */
    @Override
    public Future<String> sentBefore(Outbound m) {
        if (deliveryCheck == null || m.isTemplate()) return Future.succeededFuture(null);
        TwilioAddress address;
        try {
            address = TwilioAddress.parse(m.address());
        } catch (IllegalArgumentException e) {
            return Future.succeededFuture(null);
        }
        List<String> parts = MessageSplitter.split(m.text(), MessageSplitter.MAX_BODY);
        if (parts.isEmpty()) return Future.succeededFuture(null);
        return deliveryCheck.find(m, address, parts).map(found -> {
            if (found.parts() >= parts.size()) {
                metrics.counter("omk_twilio_sent_before_total", "channel", channel).increment();
                return String.join(",", found.sids());
            }
            if (found.parts() > 0) remember(m.id(), found.parts());
            return null;
        });
    }

    /**
     * An outbox entry that stands in for an earlier reply refused outside the 24-hour window: sends
     * the approved WhatsApp template (ContentSid) to the same person from the same number. Without a
     * configured template it fails for good with 63016 (recorded as failed:63016); its failures are
     * classified like any send, so 429 and 5xx are retried by the outbox.
     */
    private Future<String> templateInstead(Outbound m, TwilioAddress address) {
        if (!TwilioAddress.WHATSAPP.equals(channel)) {
            return Future.failedFuture(counted(new SendFailure(SendFailure.Kind.PERMANENT, "template", null,
                    "a template stands in for WhatsApp replies only")));
        }
        if (settings.whatsappContentSid() == null) {
            return Future.failedFuture(counted(new SendFailure(SendFailure.Kind.PERMANENT, String.valueOf(SendErrors.OUTSIDE_WINDOW),
                    null, "outside the WhatsApp 24-hour window and no template configured (63016)")));
        }
        return vertx.executeBlocking(() -> {
            try {
                return template(address, m.templateFor());
            } catch (SendFailure f) {
                throw counted(f);
            }
        }, false);
    }

    private SendFailure counted(SendFailure f) {
        metrics.counter("omk_twilio_send_failures_total", "channel", channel, "kind", f.kind().name().toLowerCase(),
                "code", String.valueOf(f.code())).increment();
        return f;
    }

    private String sendParts(String outboundId, TwilioAddress address, List<String> parts) {
        int from = parts.size() > 1 ? progress(outboundId) : 0;
        List<String> sids = new ArrayList<>();
        for (int i = from; i < parts.size(); i++) {
            try {
                sids.add(create(Message.creator(new PhoneNumber(address.theirs()), new PhoneNumber(address.ours()), parts.get(i)),
                        outboundId, false));
            } catch (RuntimeException e) {
                SendFailure f = SendErrors.classify(e, http.lastResponse(), clock);
                if (String.valueOf(SendErrors.OUTSIDE_WINDOW).equals(f.code()) && settings.whatsappContentSid() != null
                        && TwilioAddress.WHATSAPP.equals(channel)) {
                    forget(outboundId);
                    sids.add(template(address, outboundId));
                    return String.join(",", sids);
                }
                if (f.kind() == SendFailure.Kind.RETRY && i > from) remember(outboundId, i);
                else if (f.kind() != SendFailure.Kind.RETRY) forget(outboundId);
                throw counted(f);
            }
        }
        forget(outboundId);
        if (parts.size() > 1) {
            metrics.counter("omk_twilio_split_replies_total", "channel", channel).increment();
            log.info("long reply sent as {} messages channel={} outbound={}", parts.size(), channel, outboundId);
        }
        return String.join(",", sids);
    }

    private String template(TwilioAddress address, String outboundId) {
        try {
            String sid = create(Message.creator(new PhoneNumber(address.theirs()), new PhoneNumber(address.ours()), (String) null)
                    .setContentSid(settings.whatsappContentSid()), outboundId, true);
            metrics.counter("omk_twilio_templates_sent_total", "channel", channel).increment();
            log.info("reply outside the WhatsApp 24-hour window; template sent instead outbound={} sid={}", outboundId, sid);
            return sid;
        } catch (RuntimeException e) {
            throw SendErrors.classify(e, http.lastResponse(), clock);
        }
    }

    private String create(MessageCreator creator, String outboundId, boolean template) {
        http.forgetLastResponse();
        return creator.setStatusCallback(URI.create(statusCallback(outboundId, template))).create(client).getSid();
    }

    /** Our outbound id rides along in the callback URL, to match callbacks (and ambiguous sends) to replies. */
    private String statusCallback(String outboundId, boolean template) {
        String url = settings.statusCallbackUrl() + "?" + TwilioWebhooks.OUTBOUND_PARAM + "="
                + URLEncoder.encode(outboundId, StandardCharsets.UTF_8);
        return template ? url + "&" + TwilioWebhooks.TEMPLATE_PARAM + "=1" : url;
    }

    private int progress(String outboundId) {
        synchronized (partsSent) {
            return partsSent.getOrDefault(outboundId, 0);
        }
    }

    private void remember(String outboundId, int sent) {
        synchronized (partsSent) {
            partsSent.put(outboundId, sent);
        }
    }

    private void forget(String outboundId) {
        synchronized (partsSent) {
            partsSent.remove(outboundId);
        }
    }
}
