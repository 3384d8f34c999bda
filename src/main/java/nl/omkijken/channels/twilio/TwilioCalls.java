package nl.omkijken.channels.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.omkijken.circle.CallPlacer;
import nl.omkijken.circle.Participant;

/**
 * Places the Telefooncirkel's daily calls through Twilio's Calls API, from the line's own number: when the
 * participant answers, Twilio asks the voice webhook what to say ({@code ?participant=ID}: the check-in,
 * greeting them by name, in their language); the call's progress comes to the status callback. Twilio's
 * answering-machine detection tells a machine from a person (a machine counts as not reached). The phone
 * rings for 30 seconds.
 */
final class TwilioCalls implements CallPlacer, nl.omkijken.channels.checkin.ContactCaller {
    static final String PARTICIPANT = "participant";
    static final String ATTEMPT = "attempt";
    /** On a call to a participant's contact person or key holder: which of them (contact, key_holder). */
    static final String CONTACT = "contact";
    static final int RING_SECONDS = 30;

    private final Vertx vertx;
    private final TwilioRestClient client;
    private final TwilioSettings settings;
    private final String from;

    TwilioCalls(Vertx vertx, TwilioRestClient client, TwilioSettings settings, String line) {
        this.vertx = vertx;
        this.client = client;
        this.settings = settings;
        this.from = settings.numbersByLine().getOrDefault(line, List.of()).stream()
                .filter(n -> !n.startsWith(TwilioAddress.WHATSAPP_PREFIX)).findFirst().orElse(null);
    }

    /** The number the calls come from (the line's first SMS/voice number), or null. */
    String from() {
        return from;
    }

    /** Whether the line has a number to call from. */
    boolean canCall() {
        return from != null;
    }

    @Override
    public Future<String> place(Participant p, int attempt) {
        return call(p.phone(), "?" + PARTICIPANT + "=" + URLEncoder.encode(p.id(), StandardCharsets.UTF_8) + "&" + ATTEMPT + "=" + attempt);
    }

    /**
     * Calls a participant's contact person or key holder ({@code role}) to ask them to go and look: when they
     * answer, the voice webhook begins the contact dialog about the participant.
     */
    @Override
    public Future<String> placeContact(Participant p, String role, String phone) {
        return call(phone, "?" + PARTICIPANT + "=" + URLEncoder.encode(p.id(), StandardCharsets.UTF_8) + "&" + CONTACT + "=" + role);
    }

    /**
     * Rings a worker's own phone for a caller who waits on the line: when they answer, the worker webhook asks them to
     * press 1 (a voicemail never does), and puts the caller through. No answering-machine detection: the key decides.
     */
    Future<String> callWorker(String to, String conversation, String worker) {
        String query = "?" + VoiceWebhooks.CONVERSATION + "=" + URLEncoder.encode(conversation, StandardCharsets.UTF_8)
                + "&" + PhoneBridge.WORKER + "=" + URLEncoder.encode(worker, StandardCharsets.UTF_8);
        return call(to, PhoneBridge.WORKER_PATH, PhoneBridge.WORKER_STATUS_PATH, query, false);
    }

    /**
     * Sends a call in progress to new TwiML ({@code path} with its query, on our public base): a caller waiting in
     * Twilio's queue leaves it for the conference with the worker, or for the words that someone will call back.
     */
    Future<Void> redirect(String callSid, String pathAndQuery) {
        URI url = URI.create(settings.publicBaseUrl() + pathAndQuery);
        return vertx.executeBlocking(() -> {
            try {
                Call.updater(callSid).setUrl(url).setMethod(HttpMethod.POST).update(client);
                return null;
            } catch (ApiException e) {
                Integer http = e.getStatusCode();
                // The call is over (Twilio: not in progress): nothing to redirect.
                if (http != null && http >= 400 && http < 500 && http != 429) throw new CallPlacer.Refused("Twilio refused the redirect: " + e.getCode());
                throw new IllegalStateException("Twilio did not take the redirect: " + e.getCode(), e);
            }
        }, false);
    }

    private Future<String> call(String to, String query) {
        return call(to, VoiceWebhooks.VOICE_PATH, VoiceWebhooks.STATUS_PATH, query, true);
    }

    private Future<String> call(String to, String answerPath, String statusPath, String query, boolean detectMachines) {
        if (from == null) return Future.failedFuture(new IllegalStateException("the line has no Twilio number to call from"));
        URI answer = URI.create(settings.publicBaseUrl() + answerPath + query);
        URI status = URI.create(settings.publicBaseUrl() + statusPath + query);
        return vertx.executeBlocking(() -> {
            try {
                var creator = Call.creator(new PhoneNumber(to), new PhoneNumber(from), answer)
                        .setStatusCallback(status).setStatusCallbackMethod(HttpMethod.POST).setTimeout(RING_SECONDS);
                if (detectMachines) creator.setMachineDetection("Enable");
                Call call = creator.create(client);
                return call.getSid();
            } catch (ApiException e) {
                // 4xx: this call will never be placed (an invalid number, a blocked country); anything else may pass later.
                Integer http = e.getStatusCode();
                if (http != null && http >= 400 && http < 500 && http != 429) {
                    throw new CallPlacer.Refused("Twilio refused the call: " + e.getCode());
                }
                throw new IllegalStateException("Twilio did not take the call: " + e.getCode(), e);
            }
        }, false);
    }
}
