package nl.omkijken.handoff;

import java.time.Instant;
import java.util.Objects;

/**
 * A conversation's request for a human, with its own lifecycle: which queue it waits in, how urgent,
 * why, since when, and who has it. Changed only by {@link HandoffTransitions}.
 *
 * @param kind        LIVE: the person waits in the conversation for a human; CALLBACK: a task for
 *                    staff (call back, follow up) while the conversation goes on with the bot
 * @param urgentSince when it became urgent (a crisis), or null: urgent ones go before all others, in
 *                    the order they became urgent
 * @param requestedAt when it was asked for: its place among the others
 * @param owner       the worker who has it (CLAIMED), else null
 * @param changedAt   the last transition
 * @param dueAt       a call-back to try again: not before then (null: as soon as someone can)
 * @param attempts    call-back attempts that did not reach the person
 * @param origin      the dialog step that made a call-back task ("dialog:step"): what the person is told of
 *                    its outcome is there; null for others
 * @param takenAt     when a worker first took it (null: not yet): a person given back and taken again was
 *                    taken once, after the wait until the first
 * @param passedOnAt  when a worker last passed it on to another queue (null: never): the person asking after it
 *                    hears that it was passed on, not that nobody reacted yet
 */
public record Handoff(String conversationId, String queue, Kind kind, Instant urgentSince, String reason, State state,
                      Instant requestedAt, String owner, Instant changedAt, Instant dueAt, int attempts, String origin,
                      Instant takenAt, Instant passedOnAt) {

    public enum Kind { LIVE, CALLBACK }

    public enum State {
        /** In its queue, waiting for a worker. */
        WAITING,
        /** A worker has it; it is out of the queue. */
        CLAIMED,
        /** Done by a worker. */
        RESOLVED,
        /** Ended without a worker: the person moved on (stopped, started over) or it went stale. */
        EXPIRED;

        public boolean open() { return this == WAITING || this == CLAIMED; }
    }

    public Handoff {
        Objects.requireNonNull(conversationId, "conversation id");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(requestedAt, "requested at");
        Objects.requireNonNull(changedAt, "changed at");
        if (queue.isBlank()) throw new IllegalArgumentException("queue must not be empty");
        if (state == State.CLAIMED && (owner == null || owner.isBlank())) {
            throw new IllegalArgumentException("a claimed handoff needs its owner");
        }
        if (attempts < 0) throw new IllegalArgumentException("attempts must not be negative");
    }

    /** One never passed on to another queue. */
    public Handoff(String conversationId, String queue, Kind kind, Instant urgentSince, String reason, State state,
                   Instant requestedAt, String owner, Instant changedAt, Instant dueAt, int attempts, String origin,
                   Instant takenAt) {
        this(conversationId, queue, kind, urgentSince, reason, state, requestedAt, owner, changedAt, dueAt, attempts, origin,
                takenAt, null);
    }

    /** A handoff without a due time or attempts (every one but a call-back tried again). */
    public Handoff(String conversationId, String queue, Kind kind, Instant urgentSince, String reason, State state,
                   Instant requestedAt, String owner, Instant changedAt) {
        this(conversationId, queue, kind, urgentSince, reason, state, requestedAt, owner, changedAt, null, 0, (String) null);
    }

    /** Without the time it was first taken: a claimed one was taken at its last change, at the latest. */
    public Handoff(String conversationId, String queue, Kind kind, Instant urgentSince, String reason, State state,
                   Instant requestedAt, String owner, Instant changedAt, Instant dueAt, int attempts, String origin) {
        this(conversationId, queue, kind, urgentSince, reason, state, requestedAt, owner, changedAt, dueAt, attempts, origin,
                state == State.CLAIMED ? changedAt : null);
    }

    public Handoff(String conversationId, String queue, Kind kind, Instant urgentSince, String reason, State state,
                   Instant requestedAt, String owner, Instant changedAt, Instant dueAt, int attempts) {
        this(conversationId, queue, kind, urgentSince, reason, state, requestedAt, owner, changedAt, dueAt, attempts, (String) null);
    }

    /** Whether it may be taken at {@code now}: not a call-back to try again later. */
    public boolean dueBy(Instant now) {
        return dueAt == null || !now.isBefore(dueAt);
    }

    /** Offset that puts an urgent handoff before every other in its queue (about 317 years in millis). */
    public static final long URGENT_OFFSET_MILLIS = 10_000_000_000_000L;

    public boolean urgent() { return urgentSince != null; }

    /**
     * Offset that puts a call-back task after every person waiting in the conversation: the place in the
     * queue a waiting person hears counts only who goes before them (the order of "Volgende gesprek").
     */
    public static final long CALLBACK_OFFSET_MILLIS = 10_000_000_000_000L;

    /**
     * Its score in its queue: lower goes first; urgent ones before all others, then those waiting in the
     * conversation, then call-back tasks; each by its own time.
     */
    public long queueScore() {
        if (urgent()) return urgentSince.toEpochMilli() - URGENT_OFFSET_MILLIS;
        return kind == Kind.CALLBACK ? requestedAt.toEpochMilli() + CALLBACK_OFFSET_MILLIS : requestedAt.toEpochMilli();
    }

    Handoff with(State s, String who, Instant at) {
        Instant taken = takenAt == null && s == State.CLAIMED ? at : takenAt;
        return new Handoff(conversationId, queue, kind, urgentSince, reason, s, requestedAt, who, at, dueAt, attempts, origin, taken,
                passedOnAt);
    }
}
