package nl.omkijken.runner;

import java.time.Instant;
import java.util.List;

/**
 * One line of a conversation's transcript.
 *
 * @param direction "in" (from the person), "out" (to the person: from the bot, or from a worker when
 *                  {@code by} is set), or "event" (what happened to the conversation: taken over, handed
 *                  back, closed; seen by staff, never sent to the person), or "note" (a worker's note for
 *                  colleagues, never sent to the person)
 * @param by        the worker who wrote a reply or caused an event (their display name), or null for the
 *                  person and the bot
 * @param ref       for a worker's reply, the id of its outbox entry (the console shows its delivery status)
 */
public record TranscriptEntry(String direction, String text, Instant at, List<String> buttons, String by, String ref) {
    public static final String IN = "in";
    public static final String OUT = "out";
    public static final String EVENT = "event";
    /** An internal note of a worker for colleagues. */
    public static final String NOTE = "note";

    public TranscriptEntry {
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
        if (by != null && by.isBlank()) by = null;
        if (ref != null && ref.isBlank()) ref = null;
    }

    public TranscriptEntry(String direction, String text, Instant at, List<String> buttons) {
        this(direction, text, at, buttons, null, null);
    }

    public TranscriptEntry(String direction, String text, Instant at, List<String> buttons, String by) {
        this(direction, text, at, buttons, by, null);
    }

    /** What the person sees: their messages and every reply, not the events or the notes. */
    public boolean seenByPerson() {
        return IN.equals(direction) || OUT.equals(direction);
    }
}
