package nl.omkijken.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** A named flow of steps. {@code line} is set on the one dialog that opens a line's conversations. */
public record Dialog(String id, String line, String start, Map<String, Step> steps, String source) {
    public Dialog {
        steps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }

    public Step step(String stepId) { return steps.get(stepId); }
}
