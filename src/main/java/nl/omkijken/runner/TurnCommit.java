package nl.omkijken.runner;

import java.util.List;
import nl.omkijken.engine.Contact;
import nl.omkijken.engine.Session;

/**
 * Everything one turn changes, written to the store in one atomic step, fenced by the lock token:
 * if the lock was lost meanwhile, nothing is written. Replies are sent only after this commit.
 *
 * @param firedTimerId the timer that caused this turn (removed with the commit), or null
 */
public record TurnCommit(String conversationId, String channel, String address, Session session, Contact contact,
                         List<TranscriptEntry> transcript, List<TimerChange> timers, List<Outbound> outbound,
                         List<HandoffTicket> handoffs, String firedTimerId) {
    public TurnCommit {
        transcript = List.copyOf(transcript);
        timers = List.copyOf(timers);
        outbound = List.copyOf(outbound);
        handoffs = List.copyOf(handoffs);
    }
}
