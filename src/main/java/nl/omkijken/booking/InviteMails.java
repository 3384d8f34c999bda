package nl.omkijken.booking;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import nl.omkijken.runner.OnceMarks;
import nl.omkijken.runner.Task;
import nl.omkijken.runner.TaskHandler;

/**
 * E-mails a booked talk's calendar invite to the address given in the intake, and its cancellation (the tasks the
 * turns' commits write, and staff cancelling in the console), so only for a talk the person was told of. Each mail
 * goes once: a mark per booking, what it says and when it was booked is claimed first (a task carried out again, or
 * a cancellation both staff and the dialog ask for, sends nothing more). Without an SMTP server, texts in
 * bookings.yaml or an address, nothing is sent; the address is never logged.
 */
public final class InviteMails implements TaskHandler {
    /** The task: payload {"what": "booked", "conversation", "slot"} or {"what": "cancelled", "booking"} (a moved talk). */
    public static final String KIND = nl.omkijken.runner.Reservations.MAIL_TASK;
    private final Slots slots;
    private final BookingIds ids;
    private final BookingRules rules;
    private final Mailer mailer;
    private final OnceMarks once;
    private final Clock clock;
    private final MeterRegistry metrics;

    public InviteMails(Slots slots, BookingIds ids, BookingRules rules, Mailer mailer, OnceMarks once, Clock clock, MeterRegistry metrics) {
        this.slots = slots;
        this.ids = ids;
        this.rules = rules;
        this.mailer = mailer;
        this.once = once;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Future<Void> run(Task task) {
        JsonObject p;
        try {
            p = new JsonObject(task.payload());
        } catch (RuntimeException e) {
            return Future.succeededFuture(); // nothing a turn could have written
        }
        boolean booked = "booked".equals(p.getString("what"));
        String id = booked ? ids.of(String.valueOf(p.getString("conversation")), String.valueOf(p.getString("slot"))) : p.getString("booking");
        return booked ? booked(id) : cancelled(id);
    }

    /** The invite of a talk just booked, unless it was cancelled (or moved) before its mail went. */
    public Future<Void> booked(String bookingId) {
        if (!sending() || !BookingIds.looksLikeOne(bookingId)) return Future.succeededFuture();
        return slots.booking(bookingId).compose(b -> b == null || !b.standing() ? Future.succeededFuture()
                : slots.slot(b.slotId()).compose(s -> s == null ? Future.succeededFuture() : send(b, s, false)));
    }

    /**
     * A cancelled talk's cancellation, with the slot as it was (staff may take it out of the calendar next): not for a
     * talk that stands (again), and not twice.
     */
    public Future<Void> cancelled(Booking b, Slot s) {
        if (!sending() || b == null || s == null || b.standing()) return Future.succeededFuture();
        return send(b, s, true);
    }

    /** As {@link #cancelled(Booking, Slot)}, by the booking's id. */
    public Future<Void> cancelled(String bookingId) {
        if (!sending() || !BookingIds.looksLikeOne(bookingId)) return Future.succeededFuture();
        return slots.booking(bookingId).compose(b -> b == null ? Future.succeededFuture()
                : slots.slot(b.slotId()).compose(s -> cancelled(b, s)));
    }

    private boolean sending() {
        return mailer != Mailer.NONE && rules.mails() != null;
    }

    private Future<Void> send(Booking b, Slot s, boolean cancelled) {
        String to = b.intake().getOrDefault("email", "").strip();
        if (to.isEmpty()) return Future.succeededFuture();
        String mark = "invite-mail:" + (cancelled ? "cancelled:" : "booked:") + b.id() + ":" + b.bookedAt().getEpochSecond();
        return once.claim(mark).compose(first -> {
            if (!first) return Future.succeededFuture();
            BookingRules.Text text = cancelled ? rules.mails().cancelled() : rules.mails().booked();
            String when = SlotLabel.of(s, clock.instant(), b.language());
            // A name is the person's own words: no line breaks (or other control characters) into a mail's header.
            String name = b.intake().getOrDefault("contactnaam", "").replaceAll("\\p{Cntrl}", " ").strip();
            return mailer.send(to, text.subject(b.language(), name, when), text.body(b.language(), name, when),
                            CalendarInvite.of(b, s, clock.instant(), cancelled))
                    .map(sent -> {
                        if (sent) metrics.counter("omk_invite_mails_total", "what", cancelled ? "cancelled" : "booked").increment();
                        return (Void) null;
                    })
                    // Not sent: the mark goes, so the task's next try sends it.
                    .recover(e -> once.release(mark).compose(v -> Future.failedFuture(e)));
        });
    }
}
