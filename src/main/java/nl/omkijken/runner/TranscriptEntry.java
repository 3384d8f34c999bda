package nl.omkijken.runner;

import java.time.Instant;
import java.util.List;

/** One line of a conversation's transcript. {@code direction} is "in" (from the person) or "out". */
public record TranscriptEntry(String direction, String text, Instant at, List<String> buttons) {
    public TranscriptEntry {
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }
}
