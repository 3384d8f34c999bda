package nl.omkijken.channels.twilio;

/**
 * A verified webhook of a kind we do not handle (a channel other than SMS or WhatsApp, a status we
 * do not track): answered 200 so Twilio does not report an error, counted in
 * {@code omk_webhook_ignored_total{channel,kind}}, and otherwise left alone.
 */
final class WebhookIgnored extends RuntimeException {
    final String kind;

    WebhookIgnored(String kind) {
        super(kind, null, false, false);
        this.kind = kind;
    }
}
