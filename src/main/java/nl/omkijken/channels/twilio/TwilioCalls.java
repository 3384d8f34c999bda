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

    private Future<String> call(String to, String query) {
        if (from == null) return Future.failedFuture(new IllegalStateException("the Telefooncirkel has no Twilio number to call from"));
        URI answer = URI.create(settings.publicBaseUrl() + VoiceWebhooks.VOICE_PATH + query);
        URI status = URI.create(settings.publicBaseUrl() + VoiceWebhooks.STATUS_PATH + query);
        return vertx.executeBlocking(() -> {
            try {
                Call call = Call.creator(new PhoneNumber(to), new PhoneNumber(from), answer)
                        .setStatusCallback(status).setStatusCallbackMethod(HttpMethod.POST)
                        .setMachineDetection("Enable").setTimeout(RING_SECONDS).create(client);
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
