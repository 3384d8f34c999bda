package nl.omkijken.circle;

import java.util.Locale;
import java.util.Map;

/**
 * Each circle's escalation ladder (dialogs/circles.yaml): a participant's circle (as the coordinator wrote it,
 * case and surrounding spaces aside) picks its own; everyone else, and every circle not listed, has the
 * standard one.
 */
public record Ladders(Ladder standard, Map<String, Ladder> byCircle, java.util.Set<String> sandboxOnly) {
    public static final Ladders DEFAULT = new Ladders(Ladder.DEFAULT, Map.of());

    /**
     * @param sandboxOnly circles whose ladder holds only while the sandbox's simulator places the calls (a circle for
     *                    trying the ladder quickly): with a real phone their participants have the standard ladder
     */
    public Ladders {
        java.util.Objects.requireNonNull(standard, "standard");
        Map<String, Ladder> keyed = new java.util.LinkedHashMap<>();
        byCircle.forEach((name, ladder) -> keyed.put(key(name), ladder));
        byCircle = java.util.Collections.unmodifiableMap(keyed);
        java.util.Set<String> only = new java.util.HashSet<>();
        for (String name : sandboxOnly) only.add(key(name));
        sandboxOnly = java.util.Set.copyOf(only);
    }

    public Ladders(Ladder standard, Map<String, Ladder> byCircle) {
        this(standard, byCircle, java.util.Set.of());
    }

    /** The ladders as a real phone runs them: the sandbox-only circles' participants on the standard one. */
    public Ladders withoutSandboxOnly() {
        Map<String, Ladder> real = new java.util.LinkedHashMap<>(byCircle);
        real.keySet().removeAll(sandboxOnly);
        return new Ladders(standard, real);
    }

    public Ladder of(Participant p) {
        return byCircle.getOrDefault(key(p.circle()), standard);
    }

    static String key(String circle) {
        return circle == null ? "" : circle.strip().toLowerCase(Locale.ROOT);
    }
}
