package nl.omkijken.dialog;

import java.util.ArrayList;
import java.util.List;
import nl.omkijken.engine.Step;

/** The step ids a step can lead to within its own dialog, each with the key that names it. */
final class StepLinks {
    /** One link: {@code key} says where it is written (e.g. "route 2 goto"), {@code target} the step id. */
    record Link(String key, String target) {}

    private StepLinks() {}

    /** Every link to a step of the same dialog (goto_dialog leads elsewhere and is not included). */
    static List<Link> all(Step step) {
        List<Link> out = new ArrayList<>();
        if (step instanceof Step.Say s) {
            add(out, "next", s.next());
        } else if (step instanceof Step.Ask a) {
            for (int i = 0; i < a.routes().size(); i++) add(out, "goto of route " + (i + 1), a.routes().get(i).target());
            if (a.noMatch() != null) add(out, "no_match goto", a.noMatch().target());
            if (a.noInput() != null) add(out, "no_input goto", a.noInput().target());
        } else if (step instanceof Step.Collect c) {
            add(out, "next", c.next());
            add(out, "on_fail", c.onFail());
            if (c.noInput() != null) add(out, "no_input goto", c.noInput().target());
        } else if (step instanceof Step.Handoff h) {
            add(out, "next", h.next());
            add(out, "closed_next", h.closedNext());
            if (h.unanswered() != null) {
                List<Step.Route> routes = h.unanswered().routes();
                for (int i = 0; i < routes.size(); i++) add(out, "goto of unanswered route " + (i + 1), routes.get(i).target());
            }
            for (int i = 0; i < h.waitingRoutes().size(); i++) {
                add(out, "goto of waiting route " + (i + 1), h.waitingRoutes().get(i).target());
            }
        } else if (step instanceof Step.Schedule s) {
            add(out, "schedule goto", s.target());
            add(out, "next", s.next());
        } else if (step instanceof Step.Book b) {
            add(out, "booked", b.booked());
            add(out, "none", b.none());
            add(out, "reminder", b.reminder());
            if (b.noInput() != null) add(out, "no_input goto", b.noInput().target());
        } else {
            out.addAll(immediate(step));
        }
        return out;
    }

    /**
     * Links the engine follows in the same turn, without waiting for the person: ask, collect, end and a
     * handoff without next stop a turn; everything else runs straight on.
     */
    static List<Link> immediate(Step step) {
        List<Link> out = new ArrayList<>();
        if (step instanceof Step.Say s) {
            add(out, "next", s.next());
        } else if (step instanceof Step.Branch b) {
            for (int i = 0; i < b.cases().size(); i++) add(out, "goto of case " + (i + 1), b.cases().get(i).target());
            add(out, "else", b.otherwise());
        } else if (step instanceof Step.SetValues s) {
            add(out, "next", s.next());
        } else if (step instanceof Step.Handoff h) {
            add(out, "next", h.next());
            add(out, "closed_next", h.closedNext());
        } else if (step instanceof Step.Schedule s) {
            add(out, "next", s.next()); // the timer's goto runs later, in another turn
        } else if (step instanceof Step.Resume r) {
            add(out, "else", r.otherwise()); // the kept steps are route targets of an ask, checked there
        } else if (step instanceof Step.FromKnowledge k) {
            add(out, "found", k.found());
            add(out, "none", k.none());
            if (!k.shown().equals(k.found())) add(out, "shown", k.shown());
        } else if (step instanceof Step.Book b) {
            add(out, "none", b.none()); // when no time is free; booked and reminder come in later turns
        } else if (step instanceof Step.Appointment a) {
            add(out, "held", a.held());
            add(out, "none", a.none());
        } else if (step instanceof Step.CancelAppointment c) {
            add(out, "cancel_appointment", c.next());
        }
        return out;
    }

    private static void add(List<Link> out, String key, String target) {
        if (target != null) out.add(new Link(key, target));
    }
}
