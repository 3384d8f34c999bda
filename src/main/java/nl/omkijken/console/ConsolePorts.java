package nl.omkijken.console;

import nl.omkijken.people.People;
import nl.omkijken.runner.DeliveryStatusStore;
import nl.omkijken.runner.OutboxStore;

/**
 * What the console reads and writes, besides the runner: implemented in store/redis.
 *
 * @param hours  the opening hours in force, which coordinators edit; null: no hours page
 * @param shifts  the planned shifts (the roster)
 * @param figures the lines' daily figures
 * @param offers  conversations offered to one worker at a time (lines with offer: in routing.yaml)
 * @param circle  the Telefooncirkel's participants and days; null: no such pages
 */
public record ConsolePorts(People people, Workers workers, ConsoleSessions sessions, AuditLog audit, Presence presence,
                           CannedReplies canned, OutboxStore outbox, DeliveryStatusStore deliveries,
                           nl.omkijken.hours.CurrentHours hours, nl.omkijken.shifts.Shifts shifts,
                           nl.omkijken.runner.DailyFigures figures, Offers offers,
                           CirclePorts circle, HelpdeskPorts helpdesk, nl.omkijken.runner.PhoneDuty phoneDuty) {
    public ConsolePorts {
        java.util.Objects.requireNonNull(offers, "offers");
        java.util.Objects.requireNonNull(shifts, "shifts");
        java.util.Objects.requireNonNull(figures, "figures");
    }

    /** Without workers taking calls on their own phone. */
    public ConsolePorts(People people, Workers workers, ConsoleSessions sessions, AuditLog audit, Presence presence,
                        CannedReplies canned, OutboxStore outbox, DeliveryStatusStore deliveries,
                        nl.omkijken.hours.CurrentHours hours, nl.omkijken.shifts.Shifts shifts,
                        nl.omkijken.runner.DailyFigures figures, Offers offers, CirclePorts circle, HelpdeskPorts helpdesk) {
        this(people, workers, sessions, audit, presence, canned, outbox, deliveries, hours, shifts, figures, offers, circle, helpdesk, null);
    }

    /** Without the Telefooncirkel's participants (a console of the other lines only). */
    public ConsolePorts(People people, Workers workers, ConsoleSessions sessions, AuditLog audit, Presence presence,
                        CannedReplies canned, OutboxStore outbox, DeliveryStatusStore deliveries,
                        nl.omkijken.hours.CurrentHours hours, nl.omkijken.shifts.Shifts shifts,
                        nl.omkijken.runner.DailyFigures figures, Offers offers) {
        this(people, workers, sessions, audit, presence, canned, outbox, deliveries, hours, shifts, figures, offers, null, null);
    }

    /** Without the helpdesk's calendar. */
    public ConsolePorts(People people, Workers workers, ConsoleSessions sessions, AuditLog audit, Presence presence,
                        CannedReplies canned, OutboxStore outbox, DeliveryStatusStore deliveries,
                        nl.omkijken.hours.CurrentHours hours, nl.omkijken.shifts.Shifts shifts,
                        nl.omkijken.runner.DailyFigures figures, Offers offers, CirclePorts circle) {
        this(people, workers, sessions, audit, presence, canned, outbox, deliveries, hours, shifts, figures, offers, circle, null);
    }
}
