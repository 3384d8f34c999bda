package nl.omkijken.nlp;

import nl.omkijken.engine.Understanding;
import nl.omkijken.runner.Understander;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The language layer: intent (OpenNLP model), crisis (lexicon plus model), language and entities
 * for one message. A crisis signal always wins the intent. Below the confidence threshold the
 * intent is {@code out_of_scope}. Never throws and is safe to call from many threads at once.
 */
public final class OpenNlpUnderstander implements Understander {
    public static final double DEFAULT_THRESHOLD = 0.25;
    private static final Logger LOG = LoggerFactory.getLogger(OpenNlpUnderstander.class);

    private final IntentModel model;
    private final CrisisDetector crisis;
    private final EntityExtractor entities;
    private final LanguageDetector languages;
    private final double threshold;

    public OpenNlpUnderstander(IntentModel model, CrisisDetector crisis, EntityExtractor entities,
                               LanguageDetector languages, double threshold) {
        if (threshold < 0 || threshold > 1) throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        this.model = model;
        this.crisis = crisis;
        this.entities = entities;
        this.languages = languages;
        this.threshold = threshold;
    }

    /**
     * Everything from a dialogs folder: trains on the training split of {@code nlu/intents}
     * (or loads the cached model from {@code cacheDir}) and reads {@code nlu/crisis-lexicon.yaml}.
     *
     * @throws NluDataException when the files are missing or malformed
     */
    public static OpenNlpUnderstander fromDialogs(Path dialogsDir, Path cacheDir, Clock clock, double threshold) {
        NluData data = NluData.load(dialogsDir);
        IntentModel model = IntentModel.loadOrTrain(data.training(), IntentTraining.DEFAULT, cacheDir);
        return new OpenNlpUnderstander(model, new CrisisDetector(CrisisLexicon.load(dialogsDir)),
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
        IntentScores scores = tokens.length > 0 && TextFolding.looksLikeText(raw, folded) ? model.classify(tokens) : IntentScores.NOTHING;
        CrisisDetector.Verdict verdict = crisis.judge(folded, scores.crisisProbability());
        String lang = languages.detect(folded, language);
        // Noise is no language we do not speak: the conversation's language stays.
        if (!LanguageDetector.DUTCH.equals(lang) && !LanguageDetector.ENGLISH.equals(lang) && TextFolding.isNoise(raw)) {
            lang = fallbackLanguage(language);
        }
        Map<String, String> found = entities.extract(raw, folded);
        if (verdict.crisis()) return new Understanding(IntentModel.CRISIS, verdict.confidence(), true, lang, found, verdict.kind());
        // Crisis ruled out: the best other intent, if it is sure enough.
        String intent = scores.bestOther();
        double confidence = scores.otherProbability();
        if (confidence < threshold) intent = Understanding.OUT_OF_SCOPE;
        return new Understanding(intent, confidence, false, lang, found);
    }

    /** The lexicon's category of a crisis in the text, or null. */
    private String lexiconOnly(String folded) {
        try {
            return crisis.lexicon().match(folded).category();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String fallbackLanguage(String language) {
        return LanguageDetector.ENGLISH.equals(language) ? LanguageDetector.ENGLISH : LanguageDetector.DUTCH;
    }

    public double threshold() { return threshold; }
}
