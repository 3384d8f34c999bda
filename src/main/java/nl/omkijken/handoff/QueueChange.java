package nl.omkijken.handoff;

/**
 * How a transition changes queue membership, so the store keeps the queues exactly in step with the
 * handoffs: {@code leave} (a queue to leave, or null), then {@code join} (a queue to join with
 * {@code score}, or null). A handoff is a member of at most one queue, and only while WAITING.
 */
public record QueueChange(String leave, String join, long score) {
    public static final QueueChange NONE = new QueueChange(null, null, 0);

    public boolean none() { return leave == null && join == null; }

    /** What keeps the queues in step from one handoff to the next (either may be null: none). */
    public static QueueChange between(Handoff before, Handoff after) {
        String from = before != null && before.state() == Handoff.State.WAITING ? before.queue() : null;
        String to = after != null && after.state() == Handoff.State.WAITING ? after.queue() : null;
        if (to == null) return from == null ? NONE : new QueueChange(from, null, 0);
        if (from == null) return new QueueChange(null, to, after.queueScore());
        if (!from.equals(to)) return new QueueChange(from, to, after.queueScore());
        return before.queueScore() == after.queueScore() ? NONE : new QueueChange(null, to, after.queueScore());
    }
}
