package nl.omkijken.runner;

import nl.omkijken.engine.Contact;
import nl.omkijken.engine.Session;

/** Where a conversation goes (channel and address) and its stored state. */
public record Conversation(String id, String channel, String address, Session session, Contact contact) {}
