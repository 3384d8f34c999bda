package nl.omkijken.runner;

import java.time.Instant;

/** A timer that came due and was claimed by this instance. */
public record DueTimer(String id, String conversationId, String timer, Instant dueAt, String target, long token) {}
