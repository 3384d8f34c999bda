package nl.omkijken.nlp;

/**
 * Decides whether a message is a crisis signal. The reviewed lexicon decides on its own; the intent
 * model adds recall for phrasings the list does not have, unless the only crisis-like words were
 * a known idiom. Tuned for recall: a missed crisis costs far more than a person being offered the
 * helpline numbers once too often.
 */
public final class CrisisDetector {
    /** Crisis probability from the intent model above which the model alone raises the alarm. */
    public static final double DEFAULT_MODEL_THRESHOLD = 0.5;

    /** Why a message was (or was not) taken as a crisis. */
    public record Verdict(boolean crisis, String source, double confidence) {
        static final Verdict NONE = new Verdict(false, "none", 0);
        private static final String LEXICON = "lexicon:";

        /** The lexicon's category when the lexicon found it (acute_danger, ...); null for the model's own guess. */
        public String kind() {
            return crisis && source.startsWith(LEXICON) ? source.substring(LEXICON.length()) : null;
        }
    }

    private final CrisisLexicon lexicon;
    private final double modelThreshold;

    public CrisisDetector(CrisisLexicon lexicon, double modelThreshold) {
        if (modelThreshold <= 0 || modelThreshold > 1) throw new IllegalArgumentException("modelThreshold must be in (0, 1]");
        this.lexicon = lexicon;
        this.modelThreshold = modelThreshold;
    }

    public CrisisDetector(CrisisLexicon lexicon) { this(lexicon, DEFAULT_MODEL_THRESHOLD); }

    /** @param folded the message folded by {@link TextFolding#fold}; @param crisisProbability from the intent model */
    public Verdict judge(String folded, double crisisProbability) {
        CrisisLexicon.Match m = lexicon.match(folded);
        if (m.hit()) return new Verdict(true, "lexicon:" + m.category(), 1.0);
        if (m.excludedIdiom()) return Verdict.NONE;
        if (crisisProbability >= modelThreshold) return new Verdict(true, "model", crisisProbability);
        return Verdict.NONE;
    }

    public CrisisLexicon lexicon() { return lexicon; }
}
