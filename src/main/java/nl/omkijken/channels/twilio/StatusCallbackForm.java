package nl.omkijken.channels.twilio;

import java.util.Locale;
import java.util.Map;
import nl.omkijken.runner.DeliveryStatus;

/**
 * A verified Twilio status callback for a message we sent.
 *
 * @param messageSid the message's id (SM...)
 * @param status     where it stands now (Twilio's MessageStatus mapped to {@link DeliveryStatus})
 * @param errorCode  Twilio's ErrorCode (failed/undelivered), or null
 * @param theirs     the recipient ({@code To}) as Twilio writes it, or null when absent
 * @param ours       the sender ({@code From}), or null
 * @param outboundId our outbound id, from the callback URL's query, or null
 * @param template   true for the callback of a WhatsApp template sent in place of a reply
 */
record StatusCallbackForm(String messageSid, DeliveryStatus status, String errorCode, String theirs, String ours,
                          String outboundId, boolean template) {
    private static final String SID = "[A-Za-z0-9]{2,64}";
    private static final String OUTBOUND_ID = "[A-Za-z0-9-]{1,64}";

    /**
     * Twilio's message statuses. Accepted and scheduled come before queued (Messaging Services);
     * receiving/received belong to inbound messages and partially_delivered to group texts: not
     * tracked, ignored with a metric.
     */
    private static final Map<String, DeliveryStatus> STATUSES = Map.of(
            "accepted", DeliveryStatus.QUEUED, "scheduled", DeliveryStatus.QUEUED, "queued", DeliveryStatus.QUEUED,
            "sending", DeliveryStatus.SENDING, "sent", DeliveryStatus.SENT, "delivered", DeliveryStatus.DELIVERED,
            "read", DeliveryStatus.READ, "undelivered", DeliveryStatus.UNDELIVERED, "failed", DeliveryStatus.FAILED,
            "canceled", DeliveryStatus.CANCELED);

    static StatusCallbackForm parse(FormBody form, FormBody query) {
        String sid = InboundMessageForm.required(form, "MessageSid");
        if (!sid.matches(SID)) throw WebhookRefusal.badRequest("invalid_field", "MessageSid is not a Twilio message id");
        String raw = InboundMessageForm.required(form, "MessageStatus");
        DeliveryStatus status = STATUSES.get(raw.toLowerCase(Locale.ROOT));
        if (status == null) throw new WebhookIgnored("untracked_status");
        String error = form.get("ErrorCode");
        if (error != null && error.isBlank()) error = null;
        if (error != null && !error.matches("[0-9]{1,10}")) {
            throw WebhookRefusal.badRequest("invalid_field", "ErrorCode is not a number");
        }
        String to = blankToNull(form.get("To"));
        String from = blankToNull(form.get("From"));
        if (to != null && !TwilioAddress.isNumber(to)) to = null; // not a phone channel: nothing to opt out
        String outbound = query.get(TwilioWebhooks.OUTBOUND_PARAM);
        if (outbound != null && !outbound.matches(OUTBOUND_ID)) outbound = null;
        boolean template = "1".equals(query.get(TwilioWebhooks.TEMPLATE_PARAM));
        return new StatusCallbackForm(sid, status, error, to, from, outbound, template);
    }

    /** The recipient's address (to look their conversation up by), or null when the callback names none. */
    nl.omkijken.people.Address address() {
        return theirs == null ? null : TwilioAddress.of(theirs);
    }

    boolean whatsapp() {
        return theirs != null && theirs.startsWith(TwilioAddress.WHATSAPP_PREFIX);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
