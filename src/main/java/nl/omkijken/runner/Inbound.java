package nl.omkijken.runner;

import java.time.Instant;
import java.util.List;
import nl.omkijken.people.Address;

/**
 * A message from a person. A channel adapter makes it {@link #from(Address, String, String, String, String, Instant, List) from}
 * the sender's {@link Address}; the inbound queue then finds the conversation of that address, and from
 * there on the message carries the conversation id and the address's key, never the address itself.
 *
 * @param conversationId the conversation (opaque id), or null while the message is still {@code from} an address
 * @param channel        sandbox, sms, whatsapp, telegram, voice
 * @param address        the key of the sender's address (see AddressKeys), or null while {@code from} is set
 * @param line           luisterlijn, helpdesk, telefooncirkel
 * @param language       preferred language for a new conversation (nl/en), or null
 * @param providerId     the provider's message id (for dedupe), or null
 * @param media          content types of attachments (image/jpeg, audio/ogg, ...), in order
 * @param from           the sender's address, only between the channel adapter and the inbound queue
 */
public record Inbound(String conversationId, String channel, String address, String line, String language,
                      String text, String providerId, Instant receivedAt, List<String> media, Address from) {
    public Inbound {
        text = text == null ? "" : text;
        media = media == null ? List.of() : List.copyOf(media);
        if (from != null && !from.channel().equals(channel)) {
            throw new IllegalArgumentException("a message's channel and its sender's address's channel differ");
        }
    }

    /** A message of a known conversation. */
    public Inbound(String conversationId, String channel, String address, String line, String language,
                   String text, String providerId, Instant receivedAt, List<String> media) {
        this(conversationId, channel, address, line, language, text, providerId, receivedAt, media, null);
    }

    /** A text-only message of a known conversation. */
    public Inbound(String conversationId, String channel, String address, String line, String language,
                   String text, String providerId, Instant receivedAt) {
        this(conversationId, channel, address, line, language, text, providerId, receivedAt, List.of(), null);
    }

    /** A message as a channel adapter receives it: from an address, its conversation not yet known. */
    public static Inbound from(Address from, String line, String language, String text, String providerId,
                               Instant receivedAt, List<String> media) {
        return new Inbound(null, from.channel(), null, line, language, text, providerId, receivedAt, media, from);
    }

    /** This message in its conversation, its sender known by the address's key only. */
    public Inbound in(String conversationId, String addressKey) {
        return new Inbound(conversationId, channel, addressKey, line, language, text, providerId, receivedAt, media, null);
    }

    /** What the transcript shows: the text, and a note of each attachment for staff. */
    public String transcriptText() {
        if (media.isEmpty()) return text;
        StringBuilder sb = new StringBuilder(text);
        for (String type : media) sb.append(sb.length() == 0 ? "" : " ").append("[media: ").append(type).append(']');
        return sb.toString();
    }

    /** No text, number or chat id in a log line, also not by accident. */
    @Override
    public String toString() {
        return "Inbound[channel=" + channel + ", line=" + line + ", providerId=" + (providerId != null) + "]";
    }
}
