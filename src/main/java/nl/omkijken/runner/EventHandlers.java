package nl.omkijken.runner;

import nl.omkijken.engine.Ownership;
import nl.omkijken.handoff.Handoff;
import nl.omkijken.handoff.HandoffAction;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import nl.omkijken.engine.Contact;
import nl.omkijken.engine.Event;
import nl.omkijken.engine.Step;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One handler per engine event. Handlers only add to the turn's commit (and count); nothing
 * leaves the process before the commit is stored, so a crash mid-turn sends nothing twice.
 */
public final class EventHandlers {
    private static final Logger log = LoggerFactory.getLogger(EventHandlers.class);

    private final Map<Class<? extends Event>, BiConsumer<Event, CommitBuilder>> handlers;
    private final MeterRegistry metrics;
    private final Pseudonym pseudonym;
    private final nl.omkijken.routing.Routing routing;
    private final nl.omkijken.engine.DialogSet dialogs;

    public EventHandlers(MeterRegistry metrics, Pseudonym pseudonym) {
        this(metrics, pseudonym, nl.omkijken.routing.Routing.none());
    }

    public EventHandlers(MeterRegistry metrics, Pseudonym pseudonym, nl.omkijken.routing.Routing routing) {
        this(metrics, pseudonym, routing, null);
    }

    /**
     * @param routing which queue a handoff joins: a part's queue on a line with parts (the helpdesk's stadsdelen)
     * @param dialogs the dialogs, for a call-back's window (the part of the day the person chose); null: none
     */
    public EventHandlers(MeterRegistry metrics, Pseudonym pseudonym, nl.omkijken.routing.Routing routing,
                         nl.omkijken.engine.DialogSet dialogs) {
        this.routing = routing;
        this.dialogs = dialogs;
        this.metrics = metrics;
        this.pseudonym = pseudonym;
        this.handlers = Map.ofEntries(
                Map.entry(Event.Reply.class, (e, b) -> reply((Event.Reply) e, b)),
                Map.entry(Event.HandoffRequested.class, (e, b) -> handoff((Event.HandoffRequested) e, b)),
                Map.entry(Event.HandoffUnanswered.class, (e, b) -> unanswered((Event.HandoffUnanswered) e, b)),
                Map.entry(Event.CrisisDetected.class, (e, b) -> crisis(b)),
                // How often the assistant asks directly (a message at risk level possible): coordinators see it per line.
                Map.entry(Event.RiskQuestionAsked.class, (e, b) -> metrics.counter("omk_risk_questions_total", "line",
                        String.valueOf(b.session.line())).increment()),
                Map.entry(Event.TimerScheduled.class, (e, b) -> timerScheduled((Event.TimerScheduled) e, b)),
                Map.entry(Event.TimerCancelled.class, (e, b) -> b.timers.add(new TimerChange(b.conversationId, ((Event.TimerCancelled) e).timer(), null, null, 0))),
                Map.entry(Event.LanguageChanged.class, (e, b) -> {
                    b.contactField("language", ((Event.LanguageChanged) e).language());
                    b.memory.put("language", ((Event.LanguageChanged) e).language());
                }),
                Map.entry(Event.Remembered.class, (e, b) -> b.memory.put(((Event.Remembered) e).name(), ((Event.Remembered) e).value())),
                Map.entry(Event.OptedOut.class, (e, b) -> optOut(b, true)),
                Map.entry(Event.OptedIn.class, (e, b) -> optOut(b, false)),
                Map.entry(Event.ConversationEnded.class, (e, b) -> ended((Event.ConversationEnded) e, b)),
                // Calls waiting on the line: counted once the turn is saved (the turn that made it so, once).
                Map.entry(Event.CallOffered.class, (e, b) -> b.calls.add(CallFigures.Kind.OFFERED)),
                Map.entry(Event.CallAnswered.class, (e, b) -> b.calls.add(CallFigures.Kind.ANSWERED)),
                Map.entry(Event.CallAbandoned.class, (e, b) -> b.calls.add(CallFigures.Kind.ABANDONED)),
                Map.entry(Event.SlotFilled.class, (e, b) -> slotFilled((Event.SlotFilled) e, b)),
                // What people ask of us that we do not do: counted per line, so coordinators see it.
                Map.entry(Event.Referred.class, (e, b) -> {
                    metrics.counter("omk_referrals_total", "line", String.valueOf(b.session.line()),
                            "referral", ((Event.Referred) e).referral()).increment();
                    b.referrals.add(((Event.Referred) e).referral());
                }),
                // Booked by the runner before the commit (TurnRunner.decide); counted here.
                Map.entry(Event.SlotChosen.class, (e, b) -> {
                    // Its invite by e-mail (when there is a mail server and an address), after the commit.
                    String slot = ((Event.SlotChosen) e).slotId();
                    b.tasks.add(new Task(Reservations.MAIL_TASK + "-" + b.conversationId + "-" + slot + "-" + b.now.toEpochMilli(), Reservations.MAIL_TASK,
                            new io.vertx.core.json.JsonObject().put("what", "booked").put("conversation", b.conversationId).put("slot", slot).encode()));
                    metrics.counter("omk_bookings_total", "line", String.valueOf(b.session.line())).increment();
                }),
                // Cancelled after the commit, by a task written with it (Reservations.CANCEL_TASK), which mails it too.
                // A moved talk's earlier booking is cancelled by the booking itself: only its cancellation's mail is a task.
                Map.entry(Event.AppointmentMoved.class, (e, b) -> {
                    String id = ((Event.AppointmentMoved) e).earlierBookingId();
                    b.tasks.add(new Task(Reservations.MAIL_TASK + "-" + id + "-" + b.now.toEpochMilli(), Reservations.MAIL_TASK,
                            new io.vertx.core.json.JsonObject().put("what", "cancelled").put("booking", id).encode()));
                }),
                Map.entry(Event.AppointmentCancelled.class, (e, b) -> {
                    String id = ((Event.AppointmentCancelled) e).bookingId();
                    b.tasks.add(new Task(Reservations.CANCEL_TASK + "-" + id, Reservations.CANCEL_TASK, id));
                    metrics.counter("omk_bookings_cancelled_total", "line", String.valueOf(b.session.line())).increment();
                }));
    }

    /** Whether events of this type have their handler (the architecture test checks every type). */
    public boolean handles(Class<? extends Event> type) {
        return handlers.containsKey(type);
    }

    public void apply(Event event, CommitBuilder b) {
        BiConsumer<Event, CommitBuilder> h = handlers.get(event.getClass());
        if (h == null) throw new IllegalStateException("no handler for " + event.getClass().getSimpleName());
        h.accept(event, b);
    }

    private void reply(Event.Reply r, CommitBuilder b) {
        var labels = r.buttons().stream().map(Event.Button::label).toList();
        if (b.inline) {
            // Said on the phone, in the call itself: staff read what the caller heard.
            b.transcript.add(new TranscriptEntry("out", r.forPhone(), b.now, List.of()));
        } else {
            b.transcript.add(new TranscriptEntry("out", r.text(), b.now, labels));
            b.outbound.add(new Outbound(UUID.randomUUID().toString(), b.conversationId, b.channel, b.address,
                    r.text(), labels, b.now));
        }
        b.replies.add(r);
    }

    /**
     * The second alert: nobody took the waiting conversation over in time. Operations alert on this
     * counter (README: a Prometheus rule pages the coordinator); the log names the conversation by
     * pseudonym only. The conversation keeps its place in the queue.
     */
    private void unanswered(Event.HandoffUnanswered u, CommitBuilder b) {
        boolean urgent = u.priority() == Step.Priority.URGENT;
        metrics.counter("omk_handoffs_unanswered_total", "queue", u.queue(), "priority", urgent ? "urgent" : "normal").increment();
        log.warn("handoff not taken over after {} min conversation={} queue={} priority={} reason={}", u.waited().toMinutes(),
                pseudonym.of(b.conversationId), u.queue(), urgent ? "urgent" : "normal", u.reason());
    }

    /**
     * A request for a human becomes (or updates) the conversation's handoff record: LIVE when the person
     * now waits in the conversation, else a call-back task for staff while the bot goes on.
     */
    private void handoff(Event.HandoffRequested h, CommitBuilder b) {
        boolean urgent = h.priority() == Step.Priority.URGENT;
        // On the person, for a question about it from another of their conversations (RequestElsewhere); not a crisis's
        // urgent request (never told elsewhere) nor the coordinator's note of an opt-out.
        if (!urgent && !"opted_out".equals(h.reason())) b.memory.put(RequestElsewhere.memoryName(b.session.line()), b.conversationId);
        Handoff.Kind kind = b.session.ownership() == Ownership.WAITING ? Handoff.Kind.LIVE : Handoff.Kind.CALLBACK;
        // The dialog names the line; on a line with parts the conversation waits for its part's workers,
        // except a crisis: that waits in the line's queue, for every worker of the line at once.
        String queue = urgent ? h.queue() : routing.queueFor(b.session.line(), h.queue(), b.session.slots());
        b.handoff = b.handoff.then(new HandoffAction.Request(queue, kind, urgent, h.reason(), b.now,
                kind == Handoff.Kind.CALLBACK ? callbackFrom(b) : null,
                kind == Handoff.Kind.CALLBACK ? b.session.slots().get(nl.omkijken.engine.Engine.CALLBACK_STEP) : null));
        metrics.counter("omk_handoffs_total", "queue", queue, "priority", urgent ? "urgent" : "normal").increment();
        log.info("handoff requested conversation={} queue={} priority={} reason={}",
                pseudonym.of(b.conversationId), queue, urgent ? "urgent" : "normal", h.reason());
    }

    /** A call-back for a part of the day the person chose (the step's window): not before it starts. */
    private java.time.Instant callbackFrom(CommitBuilder b) {
        String origin = b.session.slots().get(nl.omkijken.engine.Engine.CALLBACK_STEP);
        if (dialogs == null || origin == null || !origin.contains(":")) return null;
        nl.omkijken.engine.Dialog d = dialogs.dialog(origin.substring(0, origin.indexOf(':')));
        Step step = d == null ? null : d.step(origin.substring(origin.indexOf(':') + 1));
        if (!(step instanceof Step.Handoff h) || h.window() == null) return null;
        java.time.ZonedDateTime from = h.window().from(b.session.slots().get(h.window().slot()),
                b.now.atZone(DutchTime.ZONE));
        return from == null ? null : from.toInstant();
    }

    /**
     * After a turn's events: a person who was waiting for a human (or talking with one) and whose
     * conversation is now the bot's again (STOP, started over, the dialog ended) no longer waits: their
     * live handoff expires and leaves its queue. A call-back task stays for staff, and so does an urgent request.
     */
    void personMovedOn(CommitBuilder b) {
        Handoff h = b.handoff.after();
        Ownership o = b.session.ownership();
        if (h == null || !h.state().open() || h.kind() != Handoff.Kind.LIVE) return;
        if (o == Ownership.WAITING || o == Ownership.AGENT) return;
        // An urgent request (a crisis, a fall) never leaves the queue by the person's words alone ("STOP" from someone
        // in crisis): only a worker closes it. Nothing but a human lowers a risk that was high.
        if (h.urgent()) return;
        b.handoff = b.handoff.then(new HandoffAction.Expire(b.now));
        metrics.counter("omk_handoffs_expired_total", "queue", h.queue()).increment();
        log.info("handoff expired, the person moved on conversation={} queue={}", pseudonym.of(b.conversationId), h.queue());
    }

    private void crisis(CommitBuilder b) {
        b.crisis = true;
        metrics.counter("omk_crisis_total", "line", String.valueOf(b.session.line())).increment();
        log.warn("crisis signal conversation={} line={}", pseudonym.of(b.conversationId), b.session.line());
    }

    private void timerScheduled(Event.TimerScheduled t, CommitBuilder b) {
        b.timers.add(new TimerChange(b.conversationId, t.timer(), t.dueAt(), t.target(), t.token()));
    }

    private void optOut(CommitBuilder b, boolean out) {
        b.optedOut(out);
        metrics.counter("omk_opt_changes_total", "direction", out ? "out" : "in").increment();
        log.info("contact opted {} conversation={}", out ? "out" : "in", pseudonym.of(b.conversationId));
    }

    private void ended(Event.ConversationEnded e, CommitBuilder b) {
        metrics.counter("omk_outcomes_total", "line", String.valueOf(b.session.line()), "outcome", e.outcome().id()).increment();
    }

    /** Values that describe the person are kept on the contact too, for templates in later conversations. */
    private void slotFilled(Event.SlotFilled e, CommitBuilder b) {
        String slot = e.slot();
        if (Contact.FIELDS.contains(slot)) {
            String v = b.session.slots().get(slot);
            if (v != null) b.contactField(slot, v);
        }
    }
}
