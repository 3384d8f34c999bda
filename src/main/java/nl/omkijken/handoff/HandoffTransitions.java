package nl.omkijken.handoff;

import java.time.Instant;
import nl.omkijken.handoff.Handoff.Kind;
import nl.omkijken.handoff.Handoff.State;

/**
 * The handoff's transition table, as a pure function: (handoff or none, action) to (handoff, queue
 * change). The queue change is what keeps queue membership exact: a handoff is in its queue while, and
 * only while, it is WAITING, at the place its request time and urgency give it.
 *
 * <pre>
 * from \ action   request                    claim      release         transfer        resolve    expire
 * none, closed    WAITING, joins             refused    refused         refused         refused    no change
 * WAITING         stays at its place; urgent CLAIMED,   refused         WAITING in the  RESOLVED,  EXPIRED,
 *                 goes among the urgent;     leaves                     new queue       leaves     leaves
 *                 another queue: moves there
 * CLAIMED         stays with its worker      refused    WAITING, joins  WAITING in the  RESOLVED   EXPIRED
 *                 (urgency and kind noted)   (taken)    at its place    new queue
 * </pre>
 * "Closed" is RESOLVED or EXPIRED: a new request after one starts afresh, at the back of the queue (or
 * the front when urgent), never at an old place.
 */
public final class HandoffTransitions {
    private HandoffTransitions() {}

    /** The outcome of one action: the handoff after it (null when there is none) and the queue change. */
    public record Transition(Handoff handoff, QueueChange queue) {
        public boolean changed(Handoff before) {
            return !queue.none() || (handoff != null && !handoff.equals(before));
        }
    }

    /**
     * @param conversationId the conversation the handoff is of
     * @param current        its handoff, or null when it never had one
     * @throws HandoffRefused when the action does not apply in the current state
     */
    public static Transition apply(String conversationId, Handoff current, HandoffAction action) {
        boolean open = current != null && current.state().open();
        if (action instanceof HandoffAction.Request r) return request(conversationId, current, r);
        if (!open) {
            if (action instanceof HandoffAction.Expire) return new Transition(current, QueueChange.NONE);
            throw new HandoffRefused(describe(action) + " needs an open handoff; this conversation has "
                    + (current == null ? "none" : "one that is " + current.state().name().toLowerCase()));
        }
        boolean waiting = current.state() == State.WAITING;
        if (action instanceof HandoffAction.Claim c) {
            if (c.worker() == null || c.worker().isBlank()) throw new HandoffRefused("a claim needs the worker");
            if (!waiting) throw new HandoffRefused("the handoff is taken already");
            return to(current, current.with(State.CLAIMED, c.worker(), c.at()));
        }
        if (action instanceof HandoffAction.Release r) {
            if (waiting) throw new HandoffRefused("nobody has the handoff to give it back");
            return to(current, current.with(State.WAITING, null, r.at()));
        }
        if (action instanceof HandoffAction.Retry r) {
            if (waiting || current.kind() != Handoff.Kind.CALLBACK) {
                throw new HandoffRefused("not_a_callback", "only a call-back a worker has can be tried again later");
            }
            // A crisis or an alarm is never put off: it stays before everyone until someone has it.
            if (current.urgent()) throw new HandoffRefused("urgent", "an urgent call-back is not put off; keep trying or hand it on");
            if (r.dueAt() == null || !r.dueAt().isAfter(r.at())) throw new HandoffRefused("retry_time", "a retry needs a later time");
            return to(current, new Handoff(current.conversationId(), current.queue(), current.kind(), current.urgentSince(),
                    current.reason(), State.WAITING, current.requestedAt(), null, r.at(), r.dueAt(), current.attempts() + 1,
                    current.origin(), current.takenAt(), current.passedOnAt()));
        }
        if (action instanceof HandoffAction.Transfer t) {
            if (t.queue() == null || t.queue().isBlank()) throw new HandoffRefused("a transfer needs the queue");
            // Passed on only when it leaves for another queue: "moved" to its own queue is a give-back.
            Instant passedOn = t.queue().equals(current.queue()) ? current.passedOnAt() : t.at();
            Handoff moved = new Handoff(current.conversationId(), t.queue(), current.kind(), current.urgentSince(),
                    current.reason(), State.WAITING, current.requestedAt(), null, t.at(), current.dueAt(), current.attempts(),
                    current.origin(), current.takenAt(), passedOn);
            return to(current, moved);
        }
        if (action instanceof HandoffAction.Resolve r) {
            return to(current, current.with(State.RESOLVED, current.owner(), r.at()));
        }
        HandoffAction.Expire e = (HandoffAction.Expire) action;
        return to(current, current.with(State.EXPIRED, current.owner(), e.at()));
    }

    /** A request: with none open, a new handoff joins its queue; else see {@link #again}. */
    private static Transition request(String conversationId, Handoff current, HandoffAction.Request r) {
        if (current != null && current.state().open()) return again(current, r);
        if (r.queue() == null || r.queue().isBlank()) throw new HandoffRefused("a request needs a queue");
        Instant dueAt = r.kind() == Kind.CALLBACK && !r.urgent() ? r.dueAt() : null;
        Handoff fresh = new Handoff(conversationId, r.queue(), r.kind(), r.urgent() ? r.at() : null, r.reason(),
                State.WAITING, r.at(), null, r.at(), dueAt, 0, r.kind() == Kind.CALLBACK ? r.origin() : null, null);
        return to(current, fresh);
    }

    /**
     * A request while one is open keeps its place (asking again does not move a person back), except
     * that an urgent request puts a waiting handoff among the urgent ones (after those urgent before
     * it), a person who now waits (LIVE) turns a call-back task into a live wait, and a request for
     * another queue moves it there. With a worker it stays with the worker; what changed is noted.
     */
    private static Transition again(Handoff current, HandoffAction.Request r) {
        Instant urgentSince = current.urgent() ? current.urgentSince() : r.urgent() ? r.at() : null;
        Kind kind = current.kind() == Kind.LIVE || r.kind() == Kind.LIVE ? Kind.LIVE : Kind.CALLBACK;
        String reason = r.urgent() && !current.urgent() ? r.reason() : current.reason();
        boolean waiting = current.state() == State.WAITING;
        String queue = waiting && r.queue() != null && !r.queue().isBlank() ? r.queue() : current.queue();
        // A person who now waits in the conversation (or a crisis) is not held back by a call-back's later time.
        Instant dueAt = kind == Kind.LIVE || urgentSince != null ? null : current.dueAt();
        String origin = current.origin() != null ? current.origin() : kind == Kind.CALLBACK ? r.origin() : null;
        Handoff next = new Handoff(current.conversationId(), queue, kind, urgentSince, reason, current.state(),
                current.requestedAt(), current.owner(), current.changedAt(), dueAt, current.attempts(), origin, current.takenAt(),
                current.passedOnAt());
        if (!next.equals(current)) {
            next = new Handoff(next.conversationId(), next.queue(), next.kind(), next.urgentSince(), next.reason(),
                    next.state(), next.requestedAt(), next.owner(), r.at(), next.dueAt(), next.attempts(), next.origin(),
                    next.takenAt(), next.passedOnAt());
        }
        return to(current, next);
    }

    private static Transition to(Handoff before, Handoff after) {
        return new Transition(after, QueueChange.between(before, after));
    }

    private static String describe(HandoffAction a) {
        return a.getClass().getSimpleName().toLowerCase();
    }
}
