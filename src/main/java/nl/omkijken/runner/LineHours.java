package nl.omkijken.runner;

import java.time.Instant;
import java.util.Map;

/**
 * When each line is staffed, as facts for the dialogs' texts: {@code line_open} ("true"/"false") and,
 * when closed, {@code opens_at} (when it opens again, in the conversation's language). A handoff step
 * says its {@code closed} text when the line is closed. Implemented by the hours package.
 */
public interface LineHours {
    Map<String, String> facts(String line, Instant at, String language);

    /** No opening hours known: no facts (every line counts as open, as before there were hours). */
    LineHours NONE = (line, at, language) -> Map.of();
}
