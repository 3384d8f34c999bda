package nl.omkijken.nlp;

import nl.omkijken.engine.RiskLevel;
import nl.omkijken.engine.Understanding;
import nl.omkijken.runner.Understander;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The language layer: intent (OpenNLP model), risk (lexicon plus risk model), language and entities
 * for one message. A crisis (risk high) always wins the intent. Below the confidence threshold the
 * intent is {@code out_of_scope}. Never throws and is safe to call from many threads at once.
 */
public final class OpenNlpUnderstander implements Understander {
    public static final double DEFAULT_THRESHOLD = 0.25;
    private static final Logger LOG = LoggerFactory.getLogger(OpenNlpUnderstander.class);

    private final IntentModel model;
    private final RiskAssessor risk;
    private final EntityExtractor entities;
    private final LanguageDetector languages;
    private final double threshold;

    public OpenNlpUnderstander(IntentModel model, RiskAssessor risk, EntityExtractor entities,
                               LanguageDetector languages, double threshold) {
        if (threshold < 0 || threshold > 1) throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        this.model = model;
        this.risk = risk;
        this.entities = entities;
        this.languages = languages;
        this.threshold = threshold;
    }

    /**
     * Everything from a dialogs folder: trains on the training split of {@code nlu/intents} and on
     * {@code nlu/risk} (or loads the cached models from {@code cacheDir}) and reads {@code nlu/crisis-lexicon.yaml}.
     *
     * @throws NluDataException when the files are missing or malformed
     */
    public static OpenNlpUnderstander fromDialogs(Path dialogsDir, Path cacheDir, Clock clock, double threshold) {
        NluData data = NluData.load(dialogsDir);
        IntentModel model = IntentModel.loadOrTrain(data.training(), IntentTraining.DEFAULT, cacheDir);
        CrisisLexicon lexicon = CrisisLexicon.load(dialogsDir);
        RiskData riskData = RiskData.load(dialogsDir, data, lexicon);
        return new OpenNlpUnderstander(model, RiskAssessor.of(lexicon, RiskModel.loadOrTrain(riskData, cacheDir), riskData),
                new EntityExtractor(clock), LanguageDetector.fromClasspath(), threshold);
    }

    @Override
    public Understanding understand(String text, String language) {
        String raw = text == null ? "" : text;
        String folded;
        try {
            folded = TextFolding.fold(raw);
        } catch (RuntimeException e) {
            LOG.error("folding failed ({}); message treated as out of scope", e.getClass().getSimpleName());
            return new Understanding(Understanding.OUT_OF_SCOPE, 0, false, fallbackLanguage(language), Map.of());
        }
        try {
            return understandFolded(raw, folded, language);
        } catch (RuntimeException e) {
            // The crisis check must survive a fault anywhere else.
            LOG.error("understanding failed ({}); falling back to the crisis lexicon only", e.getClass().getSimpleName());
            String kind = lexiconOnly(folded);
            boolean c = kind != null;
            return new Understanding(c ? IntentModel.CRISIS : Understanding.OUT_OF_SCOPE, c ? 1 : 0, c,
                    fallbackLanguage(language), Map.of(), kind);
        }
    }

    private Understanding understandFolded(String raw, String folded, String language) {
        String[] tokens = TextFolding.tokens(folded);
        boolean text = tokens.length > 0 && TextFolding.looksLikeText(raw, folded);
        IntentScores scores = text ? model.classify(tokens) : IntentScores.NOTHING;
        RiskAssessor.Verdict verdict = risk.judge(folded, text);
        String lang = languages.detect(folded, language);
        // Noise is no language we do not speak: the conversation's language stays.
        if (!LanguageDetector.DUTCH.equals(lang) && !LanguageDetector.ENGLISH.equals(lang) && TextFolding.isNoise(raw)) {
            lang = fallbackLanguage(language);
        }
        Map<String, String> found = entities.extract(raw, folded);
        if (verdict.crisis()) {
            return new Understanding(IntentModel.CRISIS, verdict.confidence(), true, lang, found, verdict.kind(), RiskLevel.HIGH, RiskLevel.HIGH);
        }
        // Crisis ruled out: the best other intent, if it is sure enough.
        String intent = scores.bestOther();
        double confidence = scores.otherProbability();
        if (confidence < threshold) intent = Understanding.OUT_OF_SCOPE;
        return new Understanding(intent, confidence, false, lang, found, verdict.kind(), verdict.level(), verdict.ifSensitive());
    }

    /** The lexicon's category of a crisis in the text, or null. */
    private String lexiconOnly(String folded) {
        try {
            return risk.lexicon().match(folded).category();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String fallbackLanguage(String language) {
        return LanguageDetector.ENGLISH.equals(language) ? LanguageDetector.ENGLISH : LanguageDetector.DUTCH;
    }

    public double threshold() { return threshold; }

    /** How this understander weighs risk. */
    public RiskAssessor risk() { return risk; }
}
