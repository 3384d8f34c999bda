package nl.omkijken.engine;

import java.util.Map;

/**
 * What the language layer made of a message: the best intent with its confidence, whether any
 * crisis signal was found, the detected language and the entities found (e.g. "stadsdeel" -> "Escamp").
 */
public record Understanding(String intent, double confidence, boolean crisis, String language,
                            Map<String, String> entities, String crisisKind) {
    public static final String OUT_OF_SCOPE = "out_of_scope";

    /**
     * @param crisisKind the reviewed lexicon's category of a crisis it found (acute_danger, suicidal_thoughts,
     *                   domestic_violence, ...), or null: no crisis, or one only the model saw
     */
    public Understanding {
        entities = entities == null ? Map.of() : Map.copyOf(entities);
        if (!crisis) crisisKind = null;
    }

    public Understanding(String intent, double confidence, boolean crisis, String language, Map<String, String> entities) {
        this(intent, confidence, crisis, language, entities, null);
    }

    public static Understanding none() { return new Understanding(OUT_OF_SCOPE, 0, false, null, Map.of()); }
}
