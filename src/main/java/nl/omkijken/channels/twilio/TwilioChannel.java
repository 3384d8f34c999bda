package nl.omkijken.channels.twilio;

import com.twilio.http.TwilioRestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import nl.omkijken.runner.DeliveryStatusStore;
import nl.omkijken.runner.InboundQueue;
import nl.omkijken.runner.OutboxDispatcher;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.Sender;

/**
 * Twilio Messaging, SMS and WhatsApp in one adapter: the webhook routes ({@link #mount}) and one
 * {@link Sender} per channel ({@link #senders}), sharing one SDK client that talks to the configured
 * API base URL.
 *
 * <pre>{@code
 * TwilioChannel twilio = new TwilioChannel(vertx, settings, inboundQueue, deliveryStatuses,
 *         runner::markOptedOut, clock, registry, pseudonym);
 * twilio.mount(router);                  // POST /webhooks/twilio/messaging, /webhooks/twilio/status
 * senders.addAll(twilio.senders());      // "sms" and "whatsapp", for the OutboxDispatcher
 * ...
 * twilio.stop();                         // closes the HTTP connection pool
 * }</pre>
 */
public final class TwilioChannel {
    private final TwilioHttpClient http;
    private final TwilioSender sms;
    private final TwilioSender whatsapp;
    private final TwilioWebhooks webhooks;

    public TwilioChannel(Vertx vertx, TwilioSettings settings, InboundQueue queue, DeliveryStatusStore deliveries,
                         OutboxDispatcher.OptOuts optOuts, Clock clock, MeterRegistry metrics, Pseudonym pseudonym) {
        this.http = new TwilioHttpClient(settings.apiBaseUrl(), settings.readTimeout());
        TwilioRestClient client = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
                .httpClient(http).build();
        this.sms = new TwilioSender(vertx, TwilioAddress.SMS, settings, client, http, metrics, clock);
        this.whatsapp = new TwilioSender(vertx, TwilioAddress.WHATSAPP, settings, client, http, metrics, clock);
        this.webhooks = new TwilioWebhooks(settings, queue, deliveries, optOuts, whatsapp::sendTemplate, clock, metrics,
                pseudonym);
    }

    /** Adds {@code POST /webhooks/twilio/messaging} and {@code POST /webhooks/twilio/status}. */
    public void mount(Router router) {
        webhooks.mount(router);
    }

    /** The senders for the outbox: channel "sms" and channel "whatsapp". */
    public List<Sender> senders() {
        return List.of(sms, whatsapp);
    }

    /** Closes the HTTP connections to Twilio; call after the outbox stopped. */
    public void stop() {
        http.close();
    }
}
