package nl.omkijken.runner;

import java.util.List;
import nl.omkijken.engine.Contact;
import nl.omkijken.engine.Session;

/**
 * Everything one turn changes, written to the store in one atomic step, fenced by the lock token:
 * if the lock was lost meanwhile, nothing is written. Replies are sent only after this commit.
 *
 * @param handoff      the turn's change to the conversation's handoff, or null for none
 * @param firedTimerId the follow-up job that caused this turn (removed with the commit), or null
 * @param firedFence   the fence of that job's claim: the commit writes nothing when the job was claimed
 *                     again since (see ClaimedJob)
 * @param tasks        effects beyond this conversation (start a call, alert a coordinator), appended to the
 *                     task stream by the same atomic write, so they happen only for a turn that was saved
 * @param receipt      the queued inbound message that caused this turn (taken off the queue with the
 *                     commit; if it was already taken off, nothing is written), or null
 */
public record TurnCommit(String conversationId, String channel, String address, Session session, Contact contact,
                         List<TranscriptEntry> transcript, List<TimerChange> timers, List<Outbound> outbound,
                         HandoffChange handoff, String firedTimerId, long firedFence, InboundReceipt receipt,
                         List<Task> tasks) {
    public TurnCommit {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        transcript = List.copyOf(transcript);
        timers = List.copyOf(timers);
        outbound = List.copyOf(outbound);
        if (handoff != null && !handoff.changed()) handoff = null;
    }

    /** A turn that leaves no tasks. */
    public TurnCommit(String conversationId, String channel, String address, Session session, Contact contact,
                      List<TranscriptEntry> transcript, List<TimerChange> timers, List<Outbound> outbound,
                      HandoffChange handoff, String firedTimerId, long firedFence, InboundReceipt receipt) {
        this(conversationId, channel, address, session, contact, transcript, timers, outbound, handoff, firedTimerId,
                firedFence, receipt, List.of());
    }

    /** A turn not caused by a queued inbound message (timer, begin, sandbox, opt-out). */
    public TurnCommit(String conversationId, String channel, String address, Session session, Contact contact,
                      List<TranscriptEntry> transcript, List<TimerChange> timers, List<Outbound> outbound,
                      HandoffChange handoff, String firedTimerId) {
        this(conversationId, channel, address, session, contact, transcript, timers, outbound, handoff, firedTimerId,
                0, null);
    }
}
