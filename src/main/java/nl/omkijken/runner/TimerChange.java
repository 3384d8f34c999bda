package nl.omkijken.runner;

import java.time.Instant;

/** A timer to store (dueAt set) or remove (dueAt null) for a conversation. Names are unique per conversation. */
public record TimerChange(String conversationId, String timer, Instant dueAt, String target, long token) {
    public boolean isCancel() { return dueAt == null; }

    /** The id a stored timer has: one per conversation and name, so a new one replaces the old. */
    public static String idOf(String conversationId, String timer) { return conversationId + "|" + timer; }
}
