package nl.omkijken.runner;

import java.time.Instant;

/** A timer to store (dueAt set) or remove (dueAt null) for a conversation. Names are unique per conversation. */
public record TimerChange(String conversationId, String timer, Instant dueAt, String target, long token) {
    public boolean isCancel() { return dueAt == null; }

    /**
     * The id of the stored follow-up: a job of kind {@link Job#TURN} keyed by conversation and name, so a
     * new one replaces the old.
     */
    public static String idOf(String conversationId, String timer) { return Job.idOf(Job.TURN, keyOf(conversationId, timer)); }

    /** The job key of a follow-up. */
    public static String keyOf(String conversationId, String timer) { return conversationId + "|" + timer; }
}
