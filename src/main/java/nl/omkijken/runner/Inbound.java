package nl.omkijken.runner;

import java.time.Instant;

/**
 * A message from a person, as a channel adapter hands it to the runner.
 *
 * @param conversationId "channel:external-id", e.g. "sandbox:demo-1", "sms:+31612345678"
 * @param channel        sandbox, sms, whatsapp, telegram, voice
 * @param address        where replies go (phone number, chat id); stored, never logged
 * @param line           luisterlijn, helpdesk, telefooncirkel
 * @param language       preferred language for a new conversation (nl/en), or null
 * @param providerId     the provider's message id (for dedupe), or null
 * @param media          content types of attachments (image/jpeg, audio/ogg, ...), in order
 */
public record Inbound(String conversationId, String channel, String address, String line, String language,
                      String text, String providerId, Instant receivedAt, java.util.List<String> media) {
    public Inbound {
        text = text == null ? "" : text;
        media = media == null ? java.util.List.of() : java.util.List.copyOf(media);
    }

    /** A text-only message. */
    public Inbound(String conversationId, String channel, String address, String line, String language,
                   String text, String providerId, Instant receivedAt) {
        this(conversationId, channel, address, line, language, text, providerId, receivedAt, java.util.List.of());
    }

    /** What the transcript shows: the text, and a note of each attachment for staff. */
    public String transcriptText() {
        if (media.isEmpty()) return text;
        StringBuilder sb = new StringBuilder(text);
        for (String type : media) sb.append(sb.length() == 0 ? "" : " ").append("[media: ").append(type).append(']');
        return sb.toString();
    }
}
