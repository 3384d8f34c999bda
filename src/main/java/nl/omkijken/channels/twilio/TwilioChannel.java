package nl.omkijken.channels.twilio;

import com.twilio.http.TwilioRestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import nl.omkijken.runner.DeliveryStatusStore;
import nl.omkijken.runner.InboundQueue;
import nl.omkijken.runner.OutboxAppender;
import nl.omkijken.runner.OutboxDispatcher;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.ReconcileStore;
import nl.omkijken.runner.Sender;

/**
 * Twilio Messaging, SMS and WhatsApp in one adapter: the webhook routes ({@link #mount}), one
 * {@link Sender} per channel ({@link #senders}), and the reconciliation of lost webhooks
 * ({@link #start}), sharing one SDK client that talks to the configured API base URL.
 *
 * <pre>{@code
 * TwilioChannel twilio = new TwilioChannel(vertx, settings,
 *         new TwilioChannel.Ports(inboundQueue, deliveryStatuses, outboxStore, reconcileStore, runner::markOptedOut),
 *         clock, registry, pseudonym);
 * twilio.mount(router);                  // POST /webhooks/twilio/messaging, /webhooks/twilio/status
 * senders.addAll(twilio.senders());      // "sms" and "whatsapp", for the OutboxDispatcher
 * twilio.start();                        // reconciliation rounds, when settings.reconciliation() is on
 * ...
 * twilio.stop();                         // ends the rounds, closes the HTTP connection pool
 * }</pre>
 */
public final class TwilioChannel implements nl.omkijken.channels.Channel {
    private final nl.omkijken.runner.StaffAlerts staffAlerts;

    /**
     * The runner's ports the adapter uses.
     *
     * @param queue      durable intake of verified messages (webhook and reconciliation)
     * @param deliveries monotonic delivery status per sent message (status callbacks)
     * @param outbox     where a 63016 callback puts the WhatsApp template in place of a reply
     * @param reconcile  lease and checkpoints of the reconciliation rounds
     * @param optOuts    marks a contact opted out (21610, 63014)
     */
    public record Ports(InboundQueue queue, DeliveryStatusStore deliveries, OutboxAppender outbox,
                        ReconcileStore reconcile, nl.omkijken.channels.AddressOptOut optOuts) {
        public Ports {
            Objects.requireNonNull(queue, "inbound queue");
            Objects.requireNonNull(deliveries, "delivery status store");
            Objects.requireNonNull(outbox, "outbox");
            Objects.requireNonNull(reconcile, "reconcile store");
            Objects.requireNonNull(optOuts, "opt-outs");
        }
    }

    /**
     * Twilio Voice, when the service answers calls: how the phone speaks, and the runner and people its
     * calls' turns go through (the replies of a call are its TwiML, not the outbox's).
     */
    public record Voice(VoiceSettings settings, nl.omkijken.runner.TurnRunner runner, nl.omkijken.people.People people,
                        nl.omkijken.circle.Participants participants, Bridge bridge) {
        public Voice {
            Objects.requireNonNull(settings, "voice settings");
            Objects.requireNonNull(runner, "runner");
            Objects.requireNonNull(people, "people");
        }

        public Voice(VoiceSettings settings, nl.omkijken.runner.TurnRunner runner, nl.omkijken.people.People people,
                     nl.omkijken.circle.Participants participants) {
            this(settings, runner, people, participants, null);
        }

        /** Without the Telefooncirkel's participants: calls come in, none are placed. */
        public Voice(VoiceSettings settings, nl.omkijken.runner.TurnRunner runner, nl.omkijken.people.People people) {
            this(settings, runner, people, null);
        }
    }

    /**
     * What puts a caller who waits on the line through to a worker's own phone: who is available by phone, the waiting
     * callers' calls, and once-marks (a take-over rings once). Null: a worker who takes a waiting caller calls back.
     */
    public record Bridge(nl.omkijken.runner.PhoneDuty duty, nl.omkijken.runner.HeldCalls held, nl.omkijken.runner.OnceMarks once) {
        public Bridge {
            Objects.requireNonNull(duty, "phone duty");
            Objects.requireNonNull(held, "held calls");
            Objects.requireNonNull(once, "once-marks");
        }
    }

    private final TwilioHttpClient http;
    private final VoiceSender voiceSender;
    private final VoiceWebhooks voiceWebhooks;
    private final TwilioCalls calls;
    private final TwilioSender sms;
    private final TwilioSender whatsapp;
    private final TwilioWebhooks webhooks;
    private final TwilioReconciler reconciler;
    private final boolean reconcile;

    public TwilioChannel(Vertx vertx, TwilioSettings settings, Ports ports, Clock clock, MeterRegistry metrics,
                         Pseudonym pseudonym) {
        this(vertx, settings, ports, null, clock, metrics, pseudonym);
    }

    /** @param voice the phone, or null when calls are not answered */
    public TwilioChannel(Vertx vertx, TwilioSettings settings, Ports ports, Voice voice, Clock clock, MeterRegistry metrics,
                         Pseudonym pseudonym) {
        this.http = new TwilioHttpClient(settings.apiBaseUrl(), settings.readTimeout());
        TwilioRestClient client = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
                .httpClient(http).build();
        TwilioDeliveryCheck check = new TwilioDeliveryCheck(vertx, settings, client, ports.deliveries(), clock);
        this.sms = new TwilioSender(vertx, TwilioAddress.SMS, settings, client, http, metrics, clock, check);
        // Staff alerts leave from an SMS number of ours (the Luisterlijn's first, else any line's).
        String smsFrom = settings.numbersByLine().entrySet().stream()
                .sorted((a, b) -> a.getKey().equals("luisterlijn") ? -1 : b.getKey().equals("luisterlijn") ? 1 : 0)
                .flatMap(e -> e.getValue().stream()).filter(n -> !n.startsWith(TwilioAddress.WHATSAPP_PREFIX))
                .findFirst().orElse(null);
        this.staffAlerts = smsFrom == null ? null : new TwilioStaffAlerts(vertx, client, smsFrom);
        this.whatsapp = new TwilioSender(vertx, TwilioAddress.WHATSAPP, settings, client, http, metrics, clock, check);
        this.webhooks = new TwilioWebhooks(settings, ports.queue(), ports.deliveries(), ports.optOuts(), ports.outbox(),
                clock, metrics, pseudonym);
        this.reconciler = new TwilioReconciler(vertx, settings, client, ports.queue(), ports.reconcile(), clock, metrics);
        this.reconcile = settings.reconciliation().on();
        this.voiceSender = voice == null ? null : new VoiceSender(sms);
        this.voiceWebhooks = voice == null ? null
                : new VoiceWebhooks(settings, voice.settings(), voice.runner(), voice.people(), voice.participants(), clock,
                        metrics, pseudonym, voice.bridge() == null ? null : voice.bridge().held());
        this.bridge = voice == null || voice.bridge() == null ? null : new PhoneBridge(vertx, client, settings, voice.settings(),
                new PhoneBridge.Ports(voice.runner(), voice.bridge().duty(), voice.bridge().held(), voice.bridge().once()), metrics);
        TwilioCalls placer = voice == null || voice.participants() == null ? null
                : new TwilioCalls(vertx, client, settings, nl.omkijken.circle.Participants.LINE);
        this.calls = placer != null && placer.canCall() ? placer : null;
        if (calls == null) {
            this.checkIns = null;
        } else {
            String ours = calls.from();
            nl.omkijken.channels.checkin.CheckInAddresses at = new nl.omkijken.channels.checkin.CheckInAddresses(TwilioAddress.SMS,
                    phone -> new TwilioAddress(phone, ours).address(), phone -> nl.omkijken.people.Address.of(VoiceCall.CHANNEL, phone));
            this.checkIns = new nl.omkijken.circle.CheckInChannels(calls,
                    new nl.omkijken.channels.checkin.DialogTextCheckIn(voice.runner(), voice.people(), at),
                    new nl.omkijken.channels.checkin.DialogContactAlert(voice.runner(), voice.people(), at, calls),
                    new nl.omkijken.channels.checkin.HandoffCoordinatorAlert(voice.runner(), voice.people(), at, clock),
                    phone -> List.of(at.call().apply(phone), at.text().apply(phone)),
                    new nl.omkijken.channels.checkin.DialogHeard(voice.runner(), voice.people(), at));
        }
    }

    private final nl.omkijken.circle.CheckInChannels checkIns;
    private final PhoneBridge bridge;

    /** Puts a caller waiting on the line through to the worker who took them (the take-over's task). */
    @Override
    public List<nl.omkijken.runner.TaskHandler> taskHandlers() {
        return bridge == null ? List.of() : List.of(bridge);
    }

    /**
     * How the daily check-in reaches people: the call, the SMS after it, the contact person and key holder by SMS,
     * the coordinator's task. Present when the phone is on and the Telefooncirkel has a number to call from.
     */
    @Override
    public java.util.Optional<nl.omkijken.circle.CheckInChannels> checkInChannels() {
        return java.util.Optional.ofNullable(checkIns);
    }

    /** Where the phone reports a daily call that did not reach its participant (the ladder); set once wired. */
    @Override
    public void callOutcomes(nl.omkijken.circle.CallOutcomes outcomes) {
        if (voiceWebhooks != null) voiceWebhooks.callOutcomes(outcomes);
    }

    /** Places the Telefooncirkel's daily calls, when the phone is on and the line has a number to call from. */
    public java.util.Optional<nl.omkijken.circle.CallPlacer> callPlacer() {
        return java.util.Optional.ofNullable(calls);
    }

    @Override
    public String name() { return voiceWebhooks == null ? "twilio (sms, whatsapp)" : "twilio (sms, whatsapp, voice)"; }

    @Override
    public List<String> readyLines(String publicBaseUrl, String localBaseUrl) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("Twilio messaging webhook: " + publicBaseUrl + TwilioWebhooks.MESSAGING_PATH + " (HTTP POST)");
        if (voiceWebhooks != null) {
            lines.add("Twilio voice webhook (a call comes in): " + publicBaseUrl + VoiceWebhooks.VOICE_PATH
                    + " (HTTP POST); call status changes: " + publicBaseUrl + VoiceWebhooks.STATUS_PATH);
        }
        return lines;
    }

    /**
     * Adds {@code POST /webhooks/twilio/messaging} and {@code POST /webhooks/twilio/status}; with the phone
     * also {@code POST /webhooks/twilio/voice} and {@code POST /webhooks/twilio/voice/status}.
     */
    @Override
    public void mount(Router router) {
        webhooks.mount(router);
        if (voiceWebhooks != null) voiceWebhooks.mount(router);
        if (bridge != null) bridge.mount(router);
    }

    /** The senders for the outbox: channel "sms" and channel "whatsapp" (and "voice", by SMS after a call). */
    @Override
    public List<Sender> senders() {
        return voiceSender == null ? List.of(sms, whatsapp) : List.of(sms, whatsapp, voiceSender);
    }

    @Override
    public java.util.Optional<nl.omkijken.runner.StaffAlerts> staffAlerts() {
        return java.util.Optional.ofNullable(staffAlerts);
    }

    /** The reconciliation rounds, when they are configured. */
    @Override
    public List<nl.omkijken.runner.Periodic> periodic() {
        return reconcile ? List.of(reconciler) : List.of();
    }

    /** Closes the HTTP connections to Twilio; call after the outbox stopped. */
    @Override
    public Future<Void> stop() {
        http.close();
        return Future.succeededFuture();
    }

    /** The reconciler, for tests that run rounds one at a time. */
    TwilioReconciler reconciler() {
        return reconciler;
    }
}
