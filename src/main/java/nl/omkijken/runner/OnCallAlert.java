package nl.omkijken.runner;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A crisis while its line is closed (nobody on duty): the on-call coordinator gets an SMS, so the
 * person is not left to the bot until morning. The person already had the helplines. A task (written
 * with the crisis turn's commit, carried out after it): at least once, so an alert may come twice after
 * a crash, never not at all. Without an on-call number or an SMS channel, it is logged and counted
 * ({@code omk_on_call_alerts_total{outcome}}), for an operator's alert rule.
 */
public final class OnCallAlert implements TaskHandler {
    private static final Logger log = LoggerFactory.getLogger(OnCallAlert.class);
    public static final String KIND = "alert-on-call";

    private final String number;
    private final StaffAlerts alerts;
    private final String consoleUrl;
    private final MeterRegistry metrics;

    /**
     * @param number     the on-call phone (E.164), or null when none is configured
     * @param alerts     how to send it, or null when no channel sends SMS
     * @param consoleUrl where the coordinator opens the console
     */
    public OnCallAlert(String number, StaffAlerts alerts, String consoleUrl, MeterRegistry metrics) {
        this.number = number;
        this.alerts = alerts;
        this.consoleUrl = consoleUrl;
        this.metrics = metrics;
    }

    /** The task of a crisis turn on a closed line. */
    public static Task task(String conversationId, String line, String pseudonym, java.time.Instant at) {
        return new Task(KIND + ":" + conversationId + ":" + at.toEpochMilli(), KIND,
                new JsonObject().put("line", line).put("pseudonym", pseudonym).encode());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Future<Void> run(Task task) {
        JsonObject p = new JsonObject(task.payload());
        String line = p.getString("line", "?");
        if (number == null || alerts == null) {
            metrics.counter("omk_on_call_alerts_total", "line", line, "outcome", number == null ? "no_number" : "no_sms_channel")
                    .increment();
            log.error("crisis on a closed line and no on-call SMS could be sent ({}) line={} conversation={}",
                    number == null ? "ON_CALL_NUMBER is not set" : "no SMS channel", line, p.getString("pseudonym"));
            return Future.succeededFuture();
        }
        String text = "Omkijken: een crisisgesprek wacht in de wachtrij van de " + line + " (" + p.getString("pseudonym")
                + ") en er is nu niemand aan het werk. De persoon kreeg 113 en 112. Open de console: " + consoleUrl;
        return alerts.sms(number, text).onSuccess(v -> {
            metrics.counter("omk_on_call_alerts_total", "line", line, "outcome", "sent").increment();
            log.warn("on-call coordinator alerted by SMS line={} conversation={}", line, p.getString("pseudonym"));
        });
    }
}
