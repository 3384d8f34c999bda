package nl.omkijken.channels.twilio;

/**
 * Why a webhook request is refused: the HTTP status, a reason for the response body (which never
 * repeats a phone number or message text), and a short label for the metric.
 */
final class WebhookRefusal extends RuntimeException {
    final int status;
    final String label;

    WebhookRefusal(int status, String label, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.label = label;
    }

    static WebhookRefusal badRequest(String label, String reason) {
        return new WebhookRefusal(400, label, reason);
    }

    static WebhookRefusal forbidden(String label, String reason) {
        return new WebhookRefusal(403, label, reason);
    }
}
