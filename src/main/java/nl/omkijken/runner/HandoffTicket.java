package nl.omkijken.runner;

import java.time.Instant;

/** A request for a human, placed in a staff queue. Urgent tickets sort before all others. */
public record HandoffTicket(String conversationId, String queue, boolean urgent, String reason, Instant at) {}
