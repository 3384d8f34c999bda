package nl.omkijken.runner;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import nl.omkijken.engine.Event;
import nl.omkijken.handoff.Handoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An urgent handoff (a crisis, a fall, no answer to the check-in) while its line is closed (nobody on
 * duty): the on-call coordinator gets an SMS, so the person is not left to the bot until morning. The
 * person already had the helplines. A task written with the turn's commit and carried out after it,
 * once per task id ({@link OnceMarks}). Without an on-call number or an SMS channel, or when the send
 * fails, it is logged and counted ({@code omk_on_call_alerts_total{outcome}}), for an operator's alert rule.
 */
public final class OnCallAlert implements TaskHandler {
    private static final Logger log = LoggerFactory.getLogger(OnCallAlert.class);
    public static final String KIND = "alert-on-call";

    private final String number;
    private final StaffAlerts alerts;
    private final String consoleUrl;
    private final MeterRegistry metrics;
    private final OnceMarks once;

    /**
     * @param number     the on-call phone (E.164), or null when none is configured
     * @param alerts     how to send it, or null when no channel sends SMS
     * @param consoleUrl where the coordinator opens the console
     */
    public OnCallAlert(String number, StaffAlerts alerts, String consoleUrl, MeterRegistry metrics, OnceMarks once) {
        this.once = once;
        this.number = number;
        this.alerts = alerts;
        this.consoleUrl = consoleUrl;
        this.metrics = metrics;
    }

    /**
     * The alert a turn on a closed line calls for, or null: an urgent handoff that became urgent in this
     * turn and that no worker has (id: the moment it became urgent, so the person's next messages add
     * none), or one whose acknowledgement timer found it still waiting (a second alert).
     */
    public static Task taskFor(Handoff before, Handoff after, java.util.List<Event> events, String conversationId, String line,
                               String pseudonym) {
        if (after == null || !after.urgent() || after.state() != Handoff.State.WAITING) return null;
        String reason = after.reason() == null ? "urgent" : after.reason();
        boolean urgentBefore = before != null && before.state().open() && before.urgent();
        boolean unanswered = events.stream().anyMatch(e -> e instanceof Event.HandoffUnanswered);
        if (urgentBefore && !unanswered) return null;
        String id = KIND + ":" + conversationId + ":" + after.urgentSince().toEpochMilli() + (unanswered ? ":unanswered" : "");
        return new Task(id, KIND, new JsonObject().put("line", line).put("pseudonym", pseudonym).put("reason", reason)
                .put("unanswered", unanswered).encode());
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
            log.error("urgent handoff with nobody on duty (line closed or nobody online) and no on-call SMS could be sent ({}) line={} conversation={}",
                    number == null ? "ON_CALL_NUMBER is not set" : "no SMS channel", line, p.getString("pseudonym"));
            return Future.succeededFuture();
        }
        String what = "crisis".equals(p.getString("reason")) ? "een crisisgesprek" : "een dringend gesprek (" + p.getString("reason") + ")";
        String text = "Omkijken: " + what + " wacht in de wachtrij van de " + line + " (" + p.getString("pseudonym") + ")"
                + (p.getBoolean("unanswered", false) ? " en is nog steeds niet overgenomen" : "")
                + "; er is nu niemand aan het werk. Open de console: " + consoleUrl;
        // Once per task: a worker that took the task over from one that died mid-send (or a send slower than
        // the task's lease) finds the mark and does not text again; a failed send removes it for the retry.
        String mark = "on-call:" + task.id();
        return once.claim(mark).compose(first -> {
            if (!first) return Future.<Void>succeededFuture();
            return alerts.sms(number, text)
                    .onSuccess(v -> {
                        metrics.counter("omk_on_call_alerts_total", "line", line, "outcome", "sent").increment();
                        log.warn("on-call coordinator alerted by SMS line={} conversation={}", line, p.getString("pseudonym"));
                    })
                    .recover(e -> {
                        metrics.counter("omk_on_call_alerts_total", "line", line, "outcome", "failed").increment();
                        log.error("the on-call SMS failed line={} error={}", line, e.getClass().getSimpleName());
                        return once.release(mark).compose(v -> Future.failedFuture(e));
                    });
        });
    }
}
