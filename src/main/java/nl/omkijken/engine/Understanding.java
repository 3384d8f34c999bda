package nl.omkijken.engine;

import java.util.Map;

/**
 * What the language layer made of a message: the best intent with its confidence, the risk it carries,
 * the detected language and the entities found (e.g. "stadsdeel" -> "Escamp").
 *
 * @param crisis          true exactly when {@code risk} is {@link RiskLevel#HIGH}
 * @param crisisKind      the kind of danger (suicidal_thoughts, self_harm, acute_danger, domestic_violence,
 *                        harm_others, ...) when known, or null; only with a risk (possible or high)
 * @param risk            the level of this message on its own
 * @param riskIfSensitive the level of this message in a conversation that reached {@code POSSIBLE} or
 *                        {@code HIGH} before: the same words weigh more after earlier hopelessness ("bedankt
 *                        voor alles, dag allemaal"); never lower than {@code risk}
 */
public record Understanding(String intent, double confidence, boolean crisis, String language,
                            Map<String, String> entities, String crisisKind, RiskLevel risk, RiskLevel riskIfSensitive) {
    public static final String OUT_OF_SCOPE = "out_of_scope";
    public static final String CRISIS = "crisis";

    public Understanding {
        entities = entities == null ? Map.of() : Map.copyOf(entities);
        if (risk == null) risk = crisis ? RiskLevel.HIGH : RiskLevel.NONE;
        if (crisis) risk = RiskLevel.HIGH;
        crisis = risk == RiskLevel.HIGH;
        riskIfSensitive = risk.atLeast(riskIfSensitive);
        if (risk == RiskLevel.NONE) crisisKind = null;
    }

    public Understanding(String intent, double confidence, boolean crisis, String language, Map<String, String> entities,
                         String crisisKind) {
        this(intent, confidence, crisis, language, entities, crisisKind, null, null);
    }

    public Understanding(String intent, double confidence, boolean crisis, String language, Map<String, String> entities) {
        this(intent, confidence, crisis, language, entities, null);
    }

    public static Understanding none() { return new Understanding(OUT_OF_SCOPE, 0, false, null, Map.of()); }

    /** This message taken as a crisis (the conversation's context or an answer raised it), of this kind if known. */
    public Understanding asCrisis(String kind) {
        return new Understanding(CRISIS, 1.0, true, language, entities, kind, RiskLevel.HIGH, RiskLevel.HIGH);
    }
}
