package nl.omkijken.nlp;

import nl.omkijken.engine.RiskLevel;

/**
 * The risk of one message: the reviewed crisis lexicon as a floor (a match is always high, with its
 * category as the kind), then the risk model on the words that are not a known idiom ("ik ga dood van
 * het lachen" hides "dood"). Tuned for recall: a missed crisis costs far more than a question asked once
 * too often, and the {@code possible} level lets the assistant ask instead of guess.
 */
public final class RiskAssessor {
    /** Above this share of suicidal thoughts or self-harm a model-only danger keeps the crisis help (113). */
    private static final double SUICIDE_SHARE_KEEPS_113 = 0.2;
    private static final String ACUTE = "acute_danger";
    /** The share of the model's concern that must be acute danger for a possible risk to be taken as one. */
    static final double ACUTE_WEIGHT = 0.9;
    /** The cue group of a body in trouble (settings.yaml): acute danger is only taken from the model with one of these. */
    private static final java.util.List<String> BODY = java.util.List.of("body");

    /** What was decided and why. {@code source} is "lexicon", "model" or "none". */
    public record Verdict(RiskLevel level, RiskLevel ifSensitive, String kind, String source, double confidence) {
        static final Verdict NONE = new Verdict(RiskLevel.NONE, RiskLevel.NONE, null, "none", 0);

        public boolean crisis() { return level == RiskLevel.HIGH; }
    }

    private final CrisisLexicon lexicon;
    private final RiskModel model;
    private final RiskCues cues;
    private final RiskThresholds thresholds;

    public RiskAssessor(CrisisLexicon lexicon, RiskModel model, RiskCues cues, RiskThresholds thresholds) {
        this.lexicon = lexicon;
        this.model = model;
        this.cues = cues;
        this.thresholds = thresholds;
    }

    public static RiskAssessor of(CrisisLexicon lexicon, RiskModel model, RiskData data) {
        return new RiskAssessor(lexicon, model, data.cues(), data.thresholds());
    }

    /** @param folded the message folded by {@link TextFolding#fold}; @param looksLikeText false for noise */
    public Verdict judge(String folded, boolean looksLikeText) {
        CrisisLexicon.Match m = lexicon.match(folded);
        if (m.hit()) return new Verdict(RiskLevel.HIGH, RiskLevel.HIGH, m.category(), "lexicon", 1.0);
        if (!looksLikeText) return Verdict.NONE;
        String[] tokens = TextFolding.tokens(m.visible());
        if (tokens.length == 0) return Verdict.NONE;
        String[] withCues = cues.withCues(tokens);
        RiskModel.Scores p = model.score(withCues);
        RiskLevel level = p.danger() >= thresholds.high() ? RiskLevel.HIGH
                : p.any() >= thresholds.possible() ? RiskLevel.POSSIBLE : RiskLevel.NONE;
        // The direct question is about suicide: a body in danger (a fall, not breathing) is not asked about. When the
        // model's weight is on acute danger rather than on warning signs, 112 is the answer.
        if (level == RiskLevel.POSSIBLE && ACUTE.equals(p.kind()) && p.danger() >= ACUTE_WEIGHT * p.any()
                && RiskCues.marked(withCues, BODY)) {
            level = RiskLevel.HIGH;
        }
        // Last: the model alone stops automation only on a message with something in it (a moment, means, a body, a
        // hurt); "who can she ask then?" is at most asked about.
        if (level == RiskLevel.HIGH && !thresholds.evidence().isEmpty() && !RiskCues.marked(withCues, thresholds.evidence())) {
            level = RiskLevel.POSSIBLE;
        }
        RiskLevel ifSensitive = p.any() >= thresholds.sensitive() ? RiskLevel.HIGH : level;
        if (level == RiskLevel.NONE && ifSensitive == RiskLevel.NONE) return Verdict.NONE;
        // A fall or a violent partner has help of its own (112 first, Veilig Thuis); when the model also sees
        // suicidal thoughts, the crisis help (113 and 112) is the safer one.
        String kind = p.kind();
        if (kind != null && !kind.equals("suicidal_thoughts") && !kind.equals("self_harm")
                && p.suicideOrSelfHarm() >= SUICIDE_SHARE_KEEPS_113 * p.danger()) kind = "suicidal_thoughts";
        // At possible the weight is mostly on the warning signs of suicide: a kind is only named when it outweighs them,
        // else the danger class with the most of a little weight would choose the question.
        if (level == RiskLevel.POSSIBLE && p.kindProbability() < p.possible()) kind = null;
        return new Verdict(level, ifSensitive, kind, "model", level == RiskLevel.HIGH ? p.danger() : p.any());
    }

    /** The same lexicon and model with other thresholds (choosing them: {@link RiskThresholdSearch}). */
    public RiskAssessor withThresholds(RiskThresholds other) {
        return new RiskAssessor(lexicon, model, cues, other);
    }

    public CrisisLexicon lexicon() { return lexicon; }

    public RiskThresholds thresholds() { return thresholds; }
}
