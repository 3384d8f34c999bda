package nl.omkijken.engine;

import java.util.Map;

/**
 * What the language layer made of a message: the best intent with its confidence, whether any
 * crisis signal was found, the detected language and the entities found (e.g. "stadsdeel" -> "Escamp").
 */
public record Understanding(String intent, double confidence, boolean crisis, String language,
                            Map<String, String> entities) {
    public static final String OUT_OF_SCOPE = "out_of_scope";

    public Understanding {
        entities = entities == null ? Map.of() : Map.copyOf(entities);
    }

    public static Understanding none() { return new Understanding(OUT_OF_SCOPE, 0, false, null, Map.of()); }
}
