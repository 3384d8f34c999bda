package nl.omkijken.circle;

import java.util.Locale;
import java.util.Map;

/**
 * Each circle's escalation ladder (dialogs/circles.yaml): a participant's circle (as the coordinator wrote it,
 * case and surrounding spaces aside) picks its own; everyone else, and every circle not listed, has the
 * standard one.
 */
public record Ladders(Ladder standard, Map<String, Ladder> byCircle) {
    public static final Ladders DEFAULT = new Ladders(Ladder.DEFAULT, Map.of());

    public Ladders {
        java.util.Objects.requireNonNull(standard, "standard");
        Map<String, Ladder> keyed = new java.util.LinkedHashMap<>();
        byCircle.forEach((name, ladder) -> keyed.put(key(name), ladder));
        byCircle = java.util.Collections.unmodifiableMap(keyed);
    }

    public Ladder of(Participant p) {
        return byCircle.getOrDefault(key(p.circle()), standard);
    }

    static String key(String circle) {
        return circle == null ? "" : circle.strip().toLowerCase(Locale.ROOT);
    }
}
