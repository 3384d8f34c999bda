package nl.omkijken.channels.twilio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.omkijken.runner.Inbound;

/**
 * Turns a verified Twilio messaging webhook (SMS or WhatsApp) into an {@link Inbound}.
 *
 * <ul>
 *   <li>channel: "whatsapp" when {@code From} starts with "whatsapp:", else "sms"</li>
 *   <li>conversation id: channel + ":" + their number without the prefix, e.g. "sms:+31612345678"</li>
 *   <li>address: their number and ours as Twilio wrote them, see {@link TwilioAddress}</li>
 *   <li>line: the line whose numbers include {@code To}</li>
 *   <li>media: {@code MediaContentType0..NumMedia-1}; the engine answers a media-only message kindly
 *       and staff see "[media: type]" in the transcript</li>
 *   <li>provider id: {@code MessageSid}, the dedupe key of a redelivered webhook</li>
 * </ul>
 */
final class InboundMessageForm {
    /** Twilio sends at most 10 attachments per message. */
    static final int MAX_MEDIA = 10;
    private static final String SID = "[A-Za-z0-9]{2,64}";
    private static final String CONTENT_TYPE = "[A-Za-z0-9!#$&^_.+-]{1,64}/[A-Za-z0-9!#$&^_.+-]{1,64}";

    /** The "attachment" a shared location becomes. */
    static final String LOCATION = "location";

    private InboundMessageForm() {}

    static Inbound parse(FormBody form, TwilioSettings settings, Instant receivedAt) {
        String sid = required(form, "MessageSid");
        if (!sid.matches(SID)) throw WebhookRefusal.badRequest("invalid_field", "MessageSid is not a Twilio message id");
        String from = required(form, "From");
        String to = required(form, "To");
        if (!TwilioAddress.isNumber(from)) {
            // Twilio also relays other channels (e.g. "messenger:..."); we answer SMS and WhatsApp only.
            if (from.matches("[a-z]{2,20}:.*")) throw new WebhookIgnored("unsupported_channel");
            throw WebhookRefusal.badRequest("invalid_field", "From is not a phone number");
        }
        String line = settings.lineOf(to);
        if (line == null) throw WebhookRefusal.badRequest("unknown_to", "To is not a number of any line");
        TwilioAddress address;
        try {
            address = new TwilioAddress(from, to);
        } catch (IllegalArgumentException e) {
            throw WebhookRefusal.badRequest("invalid_field", "From and To are not numbers of the same channel");
        }
        String body = form.get("Body");
        return Inbound.from(address.address(), line, null, body == null ? "" : body, sid, receivedAt, media(form));
    }

    /**
     * What the person sent besides text: the content types of the attachments, or {@link #LOCATION} for
     * a shared WhatsApp location (Latitude/Longitude, no attachment). The bot reads text only; these tell
     * it, and staff in the transcript, that something arrived. Coordinates are not kept.
     */
    private static List<String> media(FormBody form) {
        String num = form.get("NumMedia");
        boolean location = form.get("Latitude") != null && form.get("Longitude") != null;
        if (num == null || num.isEmpty() || "0".equals(num)) return location ? List.of(LOCATION) : List.of();
        int n;
        try {
            n = Integer.parseInt(num);
        } catch (NumberFormatException e) {
            throw WebhookRefusal.badRequest("invalid_field", "NumMedia is not a number");
        }
        if (n < 0 || n > MAX_MEDIA) throw WebhookRefusal.badRequest("invalid_field", "NumMedia must be 0 to " + MAX_MEDIA);
        List<String> types = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            types.add(contentType(form.get("MediaContentType" + i)));
        }
        return types;
    }

    /** An attachment's type as staff see it; a missing or odd type still means something arrived. */
    static String contentType(String type) {
        return type != null && type.matches(CONTENT_TYPE) ? type.toLowerCase(java.util.Locale.ROOT) : "application/octet-stream";
    }

    static String required(FormBody form, String name) {
        String v = form.get(name);
        if (v == null || v.isBlank()) throw WebhookRefusal.badRequest("missing_field", name + " is missing");
        return v;
    }
}
