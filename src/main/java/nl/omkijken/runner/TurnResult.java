package nl.omkijken.runner;

import java.util.List;
import nl.omkijken.engine.Event;
import nl.omkijken.engine.Session;

/** What a committed turn produced: the new session and the replies now in the outbox. */
public record TurnResult(String conversationId, Session session, List<Event.Reply> replies, boolean crisis) {
    public TurnResult {
        replies = List.copyOf(replies);
    }
}
