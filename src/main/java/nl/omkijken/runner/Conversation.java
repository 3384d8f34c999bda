package nl.omkijken.runner;

import nl.omkijken.engine.Contact;
import nl.omkijken.engine.Session;

/**
 * Where a conversation goes (channel and address) and its stored state.
 *
 * @param handoff its request for a human (open or the last closed one), or null when it never had one
 */
public record Conversation(String id, String channel, String address, Session session, Contact contact,
                           nl.omkijken.handoff.Handoff handoff) {
    public Conversation(String id, String channel, String address, Session session, Contact contact) {
        this(id, channel, address, session, contact, null);
    }
}
