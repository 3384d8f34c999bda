package nl.omkijken.handoff;

import java.time.Instant;

/** What can happen to a handoff; {@link HandoffTransitions} says what each does in each state. */
public sealed interface HandoffAction {
    Instant at();

    /** The person (or the dialog for them) asks for a human. */
    /**
     * @param dueAt  a call-back for a later part of the day: not before then (null: as soon as someone can)
     * @param origin the dialog step that asked ("dialog:step"), for a call-back task; null otherwise
     */
    record Request(String queue, Handoff.Kind kind, boolean urgent, String reason, Instant at, Instant dueAt, String origin)
            implements HandoffAction {
        public Request(String queue, Handoff.Kind kind, boolean urgent, String reason, Instant at) {
            this(queue, kind, urgent, reason, at, null, null);
        }
    }

    /** A worker takes it. */
    record Claim(String worker, Instant at) implements HandoffAction {}

    /** The worker gives it back to its queue, at its old place. */
    record Release(Instant at) implements HandoffAction {}

    /**
     * A call-back that did not reach the person goes back to its queue, at its old place, to be tried
     * again from {@code dueAt}.
     */
    record Retry(Instant dueAt, Instant at) implements HandoffAction {}

    /** It moves to another queue, keeping its request time (its place there). */
    record Transfer(String queue, Instant at) implements HandoffAction {}

    /** A worker is done with it. */
    record Resolve(Instant at) implements HandoffAction {}

    /** It ends without a worker: the person stopped or started over, or it went stale. */
    record Expire(Instant at) implements HandoffAction {}
}
