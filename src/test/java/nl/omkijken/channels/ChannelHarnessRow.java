package nl.omkijken.channels;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One row of the channel test harness, the same shape for every provider: a named sequence of
 * webhook requests, each with the status it must get and what it may change. See {@link ChannelHarness}.
 *
 * @param provider    e.g. "twilio", "telegram"
 * @param name        what the row shows, e.g. "forged signature"
 * @param exchanges   the requests, sent in order (a replay row sends the same request twice)
 * @param neverLogged strings that must not appear in any log line (message text, phone numbers,
 *                    chat ids); the provider's secrets are checked for every row anyway
 */
public record ChannelHarnessRow(String provider, String name, List<Exchange> exchanges, List<String> neverLogged) {

    public ChannelHarnessRow {
        exchanges = List.copyOf(exchanges);
        neverLogged = List.copyOf(neverLogged);
    }

    /** What a request may change. */
    public enum Effect {
        /** Exactly one message is accepted into the inbound queue, equal to {@link Exchange#queued}. */
        QUEUED,
        /** Nothing is accepted into the inbound queue (a redelivery; a status callback may store its status). */
        NOT_QUEUED,
        /** No side effect at all: the queue is not asked, and Redis holds exactly the keys it held before. */
        NOTHING_STORED
    }

    /** A webhook request as the provider (or an attacker) sends it. */
    public record WebhookRequest(String pathAndQuery, String contentType, byte[] body, Map<String, String> headers) {
        public WebhookRequest {
            headers = Map.copyOf(headers);
        }

        public static WebhookRequest of(String pathAndQuery, String contentType, String body, Map<String, String> headers) {
            return new WebhookRequest(pathAndQuery, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
        }
    }

    /**
     * The fields a message offered to the queue must have; receivedAt is not compared.
     *
     * @param sender  who sent it: "channel:handle" of its address
     * @param replyTo where replies to it go, as the channel writes it
     */
    public record Queued(String sender, String channel, String replyTo, String line, String text,
                         String providerId, List<String> media) {}

    /** A further check after the exchange, against the harness's real parts (e.g. a stored delivery status). */
    public interface Check {
        void verify(ChannelHarness.Context context);
    }

    /**
     * @param status the HTTP status the service must answer
     * @param queued for {@link Effect#QUEUED}: the message that must be in the queue; else null
     * @param check  a further check, or null
     */
    public record Exchange(WebhookRequest request, int status, Effect effect, Queued queued, Check check) {
        public static Exchange of(WebhookRequest request, int status, Effect effect) {
            return new Exchange(request, status, effect, null, null);
        }

        public static Exchange queued(WebhookRequest request, Queued queued) {
            return new Exchange(request, 200, Effect.QUEUED, queued, null);
        }

        public Exchange then(Check further) {
            return new Exchange(request, status, effect, queued, further);
        }
    }

    /** A row of one exchange. */
    public static ChannelHarnessRow single(String provider, String name, Exchange exchange, String... neverLogged) {
        return new ChannelHarnessRow(provider, name, List.of(exchange), List.of(neverLogged));
    }
}
